#pragma once
// What a new context reports about itself, read from GL. Internal.

#include "glcompute/context_info.hpp"

namespace glc::detail {

class PlatformContext;

/// The driver's strings, version, compute limits and features, and the backend's part from
/// `platform` (whose context is current). reset_notification and debug are left false: the
/// context sets them as it enables each.
ContextInfo query_context_info(const PlatformContext& platform);

}  // namespace glc::detail
