// Test-only MD5 (RFC 1321), SHA-256 (FIPS 180-2) and HMAC (RFC 2104), written for the SASL
// tests: small, constexpr, slow, and NOT for production use (no care for side channels). They
// give sasl_client its crypto hooks; sasl_test.cpp checks them against the published vectors
// before anything relies on them.
#ifndef SMTPCODES_TESTS_SUPPORT_HASH_HPP
#define SMTPCODES_TESTS_SUPPORT_HASH_HPP

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace test_hash {

constexpr std::uint32_t rotl(std::uint32_t x, unsigned n) {
  return (x << n) | (x >> (32 - n));
}
constexpr std::uint32_t rotr(std::uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

/// MD5, RFC 1321 §3. Little-endian words and length.
class md5 {
 public:
  static constexpr std::size_t digest_size = 16;
  static constexpr std::size_t block_size = 64;

  constexpr void update(std::string_view data) {
    for (const char c : data) {
      block_[fill_++] = static_cast<unsigned char>(c);
      if (fill_ == block_size) {
        compress();
        fill_ = 0;
      }
    }
    length_ += data.size();
  }

  /// Writes 16 octets to `out`.
  constexpr void finish(char* out) {
    const std::uint64_t bits = length_ * 8;
    pad();
    for (unsigned i = 0; i < 8; ++i) block_[56 + i] = static_cast<unsigned char>(bits >> (8 * i));
    compress();
    for (unsigned i = 0; i < 16; ++i)
      out[i] = static_cast<char>(static_cast<unsigned char>(h_[i / 4] >> (8 * (i % 4))));
  }

 private:
  constexpr void pad() {
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
      while (fill_ < block_size) block_[fill_++] = 0;
      compress();
      fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
  }

  constexpr void compress() {
    // T[i] = floor(2^32 * |sin(i + 1)|), RFC 1321 §3.4.
    constexpr std::uint32_t t[64] = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
        0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
        0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
        0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
        0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
        0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
        0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
        0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
        0xeb86d391};
    constexpr unsigned shift[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};
    std::uint32_t x[16] = {};
    for (unsigned i = 0; i < 16; ++i) {
      x[i] = std::uint32_t{block_[4 * i]} | (std::uint32_t{block_[4 * i + 1]} << 8) |
             (std::uint32_t{block_[4 * i + 2]} << 16) | (std::uint32_t{block_[4 * i + 3]} << 24);
    }
    std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3];
    for (unsigned i = 0; i < 64; ++i) {
      const unsigned round = i / 16;
      std::uint32_t f = 0;
      unsigned k = 0;
      if (round == 0) {
        f = (b & c) | (~b & d);
        k = i;
      } else if (round == 1) {
        f = (b & d) | (c & ~d);
        k = (5 * i + 1) % 16;
      } else if (round == 2) {
        f = b ^ c ^ d;
        k = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        k = (7 * i) % 16;
      }
      const std::uint32_t next = b + rotl(a + f + t[i] + x[k], shift[round * 4 + i % 4]);
      a = d;
      d = c;
      c = b;
      b = next;
    }
    h_[0] += a;
    h_[1] += b;
    h_[2] += c;
    h_[3] += d;
  }

  std::uint32_t h_[4] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476};
  unsigned char block_[block_size] = {};
  std::size_t fill_ = 0;
  std::uint64_t length_ = 0;
};

/// SHA-256, FIPS 180-2 §6.2. Big-endian words and length.
class sha256 {
 public:
  static constexpr std::size_t digest_size = 32;
  static constexpr std::size_t block_size = 64;

  constexpr void update(std::string_view data) {
    for (const char c : data) {
      block_[fill_++] = static_cast<unsigned char>(c);
      if (fill_ == block_size) {
        compress();
        fill_ = 0;
      }
    }
    length_ += data.size();
  }

  /// Writes 32 octets to `out`.
  constexpr void finish(char* out) {
    const std::uint64_t bits = length_ * 8;
    block_[fill_++] = 0x80;
    if (fill_ > 56) {
      while (fill_ < block_size) block_[fill_++] = 0;
      compress();
      fill_ = 0;
    }
    while (fill_ < 56) block_[fill_++] = 0;
    for (unsigned i = 0; i < 8; ++i)
      block_[56 + i] = static_cast<unsigned char>(bits >> (8 * (7 - i)));
    compress();
    for (unsigned i = 0; i < 32; ++i)
      out[i] = static_cast<char>(static_cast<unsigned char>(h_[i / 4] >> (8 * (3 - i % 4))));
  }

 private:
  constexpr void compress() {
    // The first 32 bits of the fractional parts of the cube roots of the first 64 primes
    // (FIPS 180-2 §4.2.2).
    constexpr std::uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    std::uint32_t w[64] = {};
    for (unsigned i = 0; i < 16; ++i) {
      w[i] = (std::uint32_t{block_[4 * i]} << 24) | (std::uint32_t{block_[4 * i + 1]} << 16) |
             (std::uint32_t{block_[4 * i + 2]} << 8) | std::uint32_t{block_[4 * i + 3]};
    }
    for (unsigned i = 16; i < 64; ++i) {
      const std::uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
      const std::uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    std::uint32_t v[8] = {};
    for (unsigned i = 0; i < 8; ++i) v[i] = h_[i];
    for (unsigned i = 0; i < 64; ++i) {
      const std::uint32_t e = v[4];
      const std::uint32_t a = v[0];
      const std::uint32_t t1 = v[7] + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
                               ((e & v[5]) ^ (~e & v[6])) + k[i] + w[i];
      const std::uint32_t t2 =
          (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & v[1]) ^ (a & v[2]) ^ (v[1] & v[2]));
      for (unsigned j = 7; j > 0; --j) v[j] = v[j - 1];
      v[4] += t1;
      v[0] = t1 + t2;
    }
    for (unsigned i = 0; i < 8; ++i) h_[i] += v[i];
  }

  // The first 32 bits of the fractional parts of the square roots of the first 8 primes.
  std::uint32_t h_[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  unsigned char block_[block_size] = {};
  std::size_t fill_ = 0;
  std::uint64_t length_ = 0;
};

/// The digest of `data`, written to `out` (H::digest_size octets).
template <class H>
constexpr void digest(std::string_view data, char* out) {
  H h;
  h.update(data);
  h.finish(out);
}

/// HMAC, RFC 2104 §2: H((K ^ opad) || H((K ^ ipad) || text)), a key longer than a block hashed
/// first. Writes H::digest_size octets to `out`.
template <class H>
constexpr void hmac(std::string_view key, std::string_view text, char* out) {
  char k[H::block_size] = {};
  if (key.size() > H::block_size) {
    digest<H>(key, k);
  } else {
    for (std::size_t i = 0; i < key.size(); ++i) k[i] = key[i];
  }
  char pad[H::block_size] = {};
  for (std::size_t i = 0; i < H::block_size; ++i) pad[i] = static_cast<char>(k[i] ^ 0x36);
  H inner;
  inner.update(std::string_view(pad, H::block_size));
  inner.update(text);
  char inner_digest[H::digest_size] = {};
  inner.finish(inner_digest);
  for (std::size_t i = 0; i < H::block_size; ++i) pad[i] = static_cast<char>(k[i] ^ 0x5c);
  H outer;
  outer.update(std::string_view(pad, H::block_size));
  outer.update(std::string_view(inner_digest, H::digest_size));
  outer.finish(out);
}

// The shapes of smtpcodes::sasl_crypto's hooks.
constexpr void hmac_md5_hook(void*, std::string_view key, std::string_view text,
                             char* out) noexcept {
  hmac<md5>(key, text, out);
}
constexpr void hmac_sha256_hook(void*, std::string_view key, std::string_view text,
                                char* out) noexcept {
  hmac<sha256>(key, text, out);
}
constexpr void sha256_hook(void*, std::string_view data, char* out) noexcept {
  digest<sha256>(data, out);
}

/// Lower-case hex of `n` octets (for comparing with published vectors).
template <std::size_t N>
struct hex_string {
  char text[2 * N + 1] = {};
  constexpr std::string_view view() const { return std::string_view(text, 2 * N); }
};
template <std::size_t N>
constexpr hex_string<N> to_hex(const char (&octets)[N]) {
  hex_string<N> h;
  constexpr char digits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < N; ++i) {
    const auto o = static_cast<unsigned char>(octets[i]);
    h.text[2 * i] = digits[o >> 4];
    h.text[2 * i + 1] = digits[o & 15];
  }
  return h;
}

}  // namespace test_hash

#endif  // SMTPCODES_TESTS_SUPPORT_HASH_HPP
