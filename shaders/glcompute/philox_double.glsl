// glcompute/philox_double.glsl: double-precision uniforms and normals from Philox4x32-10 words,
// with Random123's conventions, as glc::Random writes them into Buffer<double>. Needs doubles
// in shaders (GLSL 4.00 / ARB_gpu_shader_fp64); include it only where a driver has them.
//
//   #include "glcompute/philox_double.glsl"     (includes glcompute/philox.glsl)
//
// Two 32-bit words make one 64-bit integer, the first the low half: u64 = x | y << 32, as
// Random123's ReinterpretCtr reads a Philox4x32 block as two 64-bit words on a little-endian
// machine.
//   double glc_u01_double(uvec2 words)      r123::u01<double>(u64): u64 * 2^-64 + 2^-65, as
//       dense as a double allows in (0, 1]; 1.0 for u64 >= 2^64 - 2^10. Bit-identical.
//   double glc_uneg11_double(uvec2 words)   r123::uneg11<double>(u64): int64(u64) * 2^-63 +
//       2^-64, in [-1, 1]. Bit-identical.
//   dvec2 glc_box_muller_double(uvec4 block)
//       r123::boxmuller(u64(block.xy), u64(block.zw)): with a = glc_uneg11_double(block.xy) and
//       r = sqrt(-2 ln glc_u01_double(block.zw)), (r sin(pi a), r cos(pi a)). Random123 takes
//       sin, cos and log from the C library; here they are the functions below, so results
//       agree with it to a few units in the last place, not bit for bit.
//   double glc_log_double(double x)         ln x for a positive normal x, within 2 ulp
//   dvec2  glc_sincospi_double(double a)    (sin(pi a), cos(pi a)) for |a| <= 1, within 2 ulp
//       (GLSL has no double-precision log, sin or cos)
#ifndef GLCOMPUTE_PHILOX_DOUBLE_GLSL
#define GLCOMPUTE_PHILOX_DOUBLE_GLSL

#include "glcompute/philox.glsl"

// 2^32, 2^-63, 2^-64 and 2^-65, from their bits: NVIDIA's driver (580) folds 1.0lf / 2^64 one
// ulp away from 2^-64, so no constant here is written as a quotient.
double glc_power_of_two(int e) { return packDouble2x32(uvec2(0u, uint(1023 + e) << 20)); }

// Both conversions round the 64-bit integer to a double once, like the C++ conversion in
// Random123: high * 2^32 is exact, so the sum is the integer rounded once (an fma would round
// the same exact value once too). The scaling by a power of two is exact; the last addition
// rounds once more, as in Random123.
double glc_u01_double(uvec2 words) {
  precise double u = double(words.y) * glc_power_of_two(32) + double(words.x);
  precise double r = u * glc_power_of_two(-64) + glc_power_of_two(-65);
  return r;
}

// The high word's signed value is built from its bits, not with double(int(y)): NVIDIA's
// driver (580) converts int(0x80000000u) to +2^31 there.
double glc_uneg11_double(uvec2 words) {
  double high = double(words.y & 0x7FFFFFFFu) - double(words.y >> 31u) * glc_power_of_two(31);
  precise double s = high * glc_power_of_two(32) + double(words.x);
  precise double r = s * glc_power_of_two(-63) + glc_power_of_two(-64);
  return r;
}

// ln x = e ln 2 + ln m with x = m 2^e, m in [sqrt(1/2), sqrt(2)), and ln m = 2 atanh(s) for
// s = (m - 1) / (m + 1), |s| < 0.1716: 2s (1 + s^2/3 + s^4/5 + ... + s^20/21), the first omitted
// term below 2^-55 of the sum. ln 2 is split so that e * GLC_LN2_HIGH is exact.
const double GLC_LN2_HIGH = 0.69314670562744140625lf;      // ln 2 to 21 bits
const double GLC_LN2_LOW = 4.7493250390316726e-07lf;       // ln 2 - GLC_LN2_HIGH
const double GLC_SQRT_2 = 1.4142135623730951lf;

double glc_log_double(double x) {
  uvec2 bits = unpackDouble2x32(x);
  int e = int(bits.y >> 20u) - 1023;
  double m = packDouble2x32(uvec2(bits.x, (bits.y & 0x000FFFFFu) | 0x3FF00000u));  // [1, 2)
  if (m >= GLC_SQRT_2) {
    m *= 0.5lf;
    e += 1;
  }
  double f = m - 1.0lf;  // exact
  double s = f / (2.0lf + f);
  double s2 = s * s;
  double p = 0.047619047619047616lf;  // 1/21
  p = p * s2 + 0.05263157894736842lf;   // 1/19
  p = p * s2 + 0.058823529411764705lf;  // 1/17
  p = p * s2 + 0.06666666666666667lf;   // 1/15
  p = p * s2 + 0.07692307692307693lf;   // 1/13
  p = p * s2 + 0.09090909090909091lf;   // 1/11
  p = p * s2 + 0.1111111111111111lf;    // 1/9
  p = p * s2 + 0.14285714285714285lf;   // 1/7
  p = p * s2 + 0.2lf;                   // 1/5
  p = p * s2 + 0.3333333333333333lf;    // 1/3
  double ln_m = 2.0lf * s + 2.0lf * s * s2 * p;
  double de = double(e);
  return de * GLC_LN2_HIGH + (de * GLC_LN2_LOW + ln_m);
}

// a = q/2 + t with q = roundEven(2a) and |t| <= 1/4 (t is exact); sin(pi t) and cos(pi t) from
// their Taylor series in t (coefficients (-1)^k pi^(2k+1) / (2k+1)! and (-1)^k pi^(2k) / (2k)!,
// through t^17 and t^16: the next terms are below 2^-56), then the quarter turns q.
dvec2 glc_sincospi_double(double a) {
  double q = roundEven(2.0lf * a);
  double t = a - 0.5lf * q;
  double t2 = t * t;
  double s = 7.952054001475513e-07lf;
  s = s * t2 - 2.1915353447830217e-05lf;
  s = s * t2 + 0.00046630280576761255lf;
  s = s * t2 - 0.0073704309457143504lf;
  s = s * t2 + 0.08214588661112823lf;
  s = s * t2 - 0.5992645293207921lf;
  s = s * t2 + 2.5501640398773455lf;
  s = s * t2 - 5.16771278004997lf;
  s = s * t2 + 3.141592653589793lf;
  s *= t;
  double c = 4.303069587032947e-06lf;
  c = c * t2 - 0.0001046381049248457lf;
  c = c * t2 + 0.0019295743094039231lf;
  c = c * t2 - 0.02580689139001406lf;
  c = c * t2 + 0.2353306303588932lf;
  c = c * t2 - 1.3352627688545895lf;
  c = c * t2 + 4.0587121264167685lf;
  c = c * t2 - 4.934802200544679lf;
  c = c * t2 + 1.0lf;
  int quarter = int(q) & 3;  // two's complement: -1 -> 3, -2 -> 2
  if (quarter == 0) return dvec2(s, c);
  if (quarter == 1) return dvec2(c, -s);
  if (quarter == 2) return dvec2(-s, -c);
  return dvec2(-c, s);
}

// -2 ln u is 0 (u = 1) or positive: its square root is taken only where positive, since a
// driver may compute sqrt(x) as x * inversesqrt(x), which is NaN at 0. (Random123's C library
// sqrt gives -0.0 for -2 * ln 1; here it is +0.0. Either way the normal is the mean.)
dvec2 glc_box_muller_double(uvec4 block) {
  double t = -2.0lf * glc_log_double(glc_u01_double(block.zw));
  double r = t > 0.0lf ? sqrt(t) : 0.0lf;
  return r * glc_sincospi_double(glc_uneg11_double(block.xy));
}

#endif
