#pragma once
// What the floors above context/ keep per GL context, each as an object of its own type: the
// transfers' staging memory and mapping pool (memory/), the program cache (program/), the
// kernel library's programs and scratch buffers (kernels/). Internal.

#include <concepts>
#include <memory>
#include <utility>
#include <vector>

namespace glc::detail {

class ContextState;

/// Objects attached to one context, at most one of each type T, found by that type. An object is
/// created on first use, as T(ContextState&) where T has that constructor and T() otherwise, and
/// all are destroyed by clear() in reverse order of creation, while the GL context still exists
/// (so they may delete their GL objects). An object that another uses in its constructor is thus
/// created first and destroyed last.
class ContextAttachments {
 public:
  ContextAttachments() = default;
  ContextAttachments(const ContextAttachments&) = delete;
  ContextAttachments& operator=(const ContextAttachments&) = delete;
  ~ContextAttachments() { clear(); }

  /// The context's T, created now if it has none.
  template <class T>
  T& get(ContextState& context) {
    if (T* found = find<T>()) return *found;
    auto holder = std::make_unique<Holder<T>>(context);
    T& object = holder->object;
    objects_.push_back(std::move(holder));
    return object;
  }

  /// The context's T, or nullptr if it has none (or it is being destroyed).
  template <class T>
  T* find() noexcept {
    for (const std::unique_ptr<Attachment>& a : objects_) {
      if (auto* holder = dynamic_cast<Holder<T>*>(a.get())) return &holder->object;
    }
    return nullptr;
  }

  /// Destroys every object, the last created first. One being destroyed is no longer found.
  void clear() noexcept {
    while (!objects_.empty()) {
      std::unique_ptr<Attachment> last = std::move(objects_.back());
      objects_.pop_back();
      last.reset();
    }
  }

 private:
  struct Attachment {
    virtual ~Attachment() = default;
  };
  template <class T>
  struct Holder final : Attachment {
    explicit Holder(ContextState& context)
      requires std::constructible_from<T, ContextState&>
        : object(context) {}
    explicit Holder(ContextState&)
      requires(!std::constructible_from<T, ContextState&>)
        : object() {}
    T object;
  };

  std::vector<std::unique_ptr<Attachment>> objects_;
};

}  // namespace glc::detail
