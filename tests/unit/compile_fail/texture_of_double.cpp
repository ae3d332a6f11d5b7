// Must NOT compile: no texture format holds doubles, and nothing is converted (see texture.hpp).
#include <vector>

#include <glcompute/glcompute.hpp>

void upload(glc::Texture2D& texture) { texture.write(std::vector<double>(16)); }
