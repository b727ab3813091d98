#include "relctl/core/sanitize.hpp"

#include <cstdint>
#include <random>

namespace relctl::core {

namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr char hex[] = "0123456789abcdef";

// The UTF-8 sequence starting at text[i]: its code point and length, or
// length 0 when the bytes there are not valid UTF-8 (then `bad` tells how
// many bytes form the invalid part, at least 1: Unicode's maximal subpart).
struct Decoded {
  std::uint32_t cp = 0;
  std::size_t length = 0;
  std::size_t bad = 1;
};

Decoded decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return {b, 1, 0};
  std::size_t need = 0;
  std::uint32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the second byte
  if (b >= 0xC2 && b <= 0xDF) {
    need = 1;
    cp = b & 0x1Fu;
  } else if (b >= 0xE0 && b <= 0xEF) {
    need = 2;
    cp = b & 0x0Fu;
    if (b == 0xE0) lo = 0xA0;  // no overlong forms
    if (b == 0xED) hi = 0x9F;  // no surrogates
  } else if (b >= 0xF0 && b <= 0xF4) {
    need = 3;
    cp = b & 0x07u;
    if (b == 0xF0) lo = 0x90;  // no overlong forms
    if (b == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    return {};
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= text.size()) return {0, 0, k};
    const unsigned char c = byte(i + k);
    const unsigned char min = k == 1 ? lo : 0x80, max = k == 1 ? hi : 0xBF;
    if (c < min || c > max) return {0, 0, k};
    cp = (cp << 6) | (c & 0x3Fu);
  }
  return {cp, need + 1, 0};
}

// Characters that are valid but move the cursor, reorder text or end a line
// in some viewers: C1 controls, U+2028/U+2029, the bidirectional embeddings,
// overrides and isolates.
bool escaped_code_point(std::uint32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_u(std::string& out, std::uint32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
}

// The one scan behind sanitize() and sanitize_json(); `json` picks the
// escape syntax (and keeps CR, which is JSON whitespace).
std::string clean(std::string_view text, bool json) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    // Printable ASCII, nearly all of any text, is copied a run at a time.
    std::size_t run = i;
    while (run < text.size() && text[run] >= 0x20 && text[run] < 0x7F) ++run;
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    const Decoded d = decode(text, i);
    if (d.length == 0) {
      out += replacement;
      i += d.bad;
      continue;
    }
    const std::uint32_t cp = d.cp;
    if (cp < 0x20 || cp == 0x7F) {
      const char c = static_cast<char>(cp);
      if (c == '\n' || c == '\t' || (json && c == '\r')) {
        out += c;
      } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        // CRLF: the LF that follows ends the line.
      } else if (json) {
        append_u(out, cp);
      } else {
        out += "\\x";
        out += hex[cp >> 4];
        out += hex[cp & 15];
      }
    } else if (escaped_code_point(cp)) {
      append_u(out, cp);
    } else {
      out.append(text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

}  // namespace

std::string sanitize(std::string_view text) {
  return clean(text, false);
}

std::string sanitize_line(std::string_view text) {
  std::string out;
  for (const char c : sanitize(text)) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out;
}

std::string sanitize_json(std::string_view json) {
  return clean(json, true);
}

bool has_control_characters(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (d.length == 0 || d.cp < 0x20 || d.cp == 0x7F || escaped_code_point(d.cp)) return true;
    i += d.length;
  }
  return false;
}

bool has_workflow_command(std::string_view text) {
  if (text.find("##[") != std::string_view::npos) return true;
  bool line_start = true;  // still in the blanks that open a line
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      line_start = true;
    } else if (line_start) {
      // The runner trims Unicode white space too: treat any non-ASCII byte as a blank.
      if (c == ':' && i + 1 < text.size() && text[i + 1] == ':') return true;
      if (!(c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80)) {
        line_start = false;
      }
    }
  }
  return false;
}

// 128 random bits: untrusted text cannot guess it, so it cannot end the fence.
std::string random_token(std::string_view prefix) {
  std::random_device device;
  std::string token(prefix);
  for (int i = 0; i < 4; ++i) {
    const auto word = device();
    for (int shift = 28; shift >= 0; shift -= 4) token += hex[(word >> shift) & 15];
  }
  return token;
}

std::string fence_workflow_commands(std::string text) {
  if (!has_workflow_command(text)) return text;
  const std::string token = random_token("relctl-");
  if (!text.empty() && text.back() != '\n') text += '\n';
  return "::stop-commands::" + token + "\n" + text + "::" + token + "::\n";
}

}  // namespace relctl::core
