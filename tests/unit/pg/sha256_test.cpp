// relctl::core::Sha256 against the FIPS 180-4 / NIST test vectors. (It lives
// in core; the test sits here with the migration checksums that need it.)

#include <catch2/catch.hpp>

#include "relctl/core/sha256.hpp"

using relctl::core::Sha256;
using relctl::core::sha256_hex;

TEST_CASE("sha256 matches the NIST vectors", "[pg][sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256 streams: any split of the input gives the same digest", "[pg][sha256]") {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>('a' + i % 26);
  const std::string whole = sha256_hex(text);
  for (std::size_t chunk : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 128u}) {
    Sha256 h;
    for (std::size_t i = 0; i < text.size(); i += chunk)
      h.update(std::string_view(text).substr(i, chunk));
    CHECK(h.final_hex() == whole);
  }
  // Lengths around the padding boundary.
  for (std::size_t n : {55u, 56u, 57u, 63u, 64u, 119u, 120u}) {
    Sha256 h;
    h.update(std::string(n, 'x'));
    CHECK(h.final_hex() == sha256_hex(std::string(n, 'x')));
  }
  Sha256 reused;
  reused.update("abc");
  (void)reused.final_hex();
  reused.reset();
  reused.update("abc");
  CHECK(reused.final_hex() == sha256_hex("abc"));
}
