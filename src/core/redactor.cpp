#include "relctl/core/redactor.hpp"

#include <algorithm>
#include <cctype>

#include "relctl/core/conninfo.hpp"
#include "relctl/core/sanitize.hpp"
#include "relctl/core/text.hpp"

namespace relctl::core {

namespace {

// Each occurrence of `needle` replaced by ****, in one pass that builds a
// new string (replacing in place would be quadratic on many occurrences).
std::string replace_all(std::string_view text, std::string_view needle) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = text.find(needle); at != std::string_view::npos;
       at = text.find(needle, from)) {
    out.append(text.substr(from, at - from));
    out.append(Redactor::mask_text);
    from = at + needle.size();
  }
  if (from == 0) return std::string(text);
  out.append(text.substr(from));
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-';
}

// Characters that never appear unencoded in a URL: they end the password
// search so that it cannot run across a quote into the next JSON value.
bool ends_url(char c) {
  return is_space(c) || c == '"' || c == '\'' || c == '\\' || c == '<' || c == '>' || c == '`' ||
         c == '{' || c == '}' || c == '|' || c == '^';
}

// scheme://user:PASSWORD@host -> scheme://user:****@host. The password runs
// to the last '@' of the URL, as a person reads it. Every byte is looked at
// a bounded number of times: a search that fails resumes where it stopped.
std::string url_passwords_masked(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  std::size_t at = text.find("://");
  while (at != std::string_view::npos) {
    std::size_t next = at + 3;
    if (at > 0 && is_scheme_char(text[at - 1])) {
      std::size_t i = at + 3;
      while (i < text.size() && !ends_url(text[i]) && text[i] != ':' && text[i] != '/' &&
             text[i] != '?' && text[i] != '#' && text[i] != '@') {
        ++i;
      }
      next = i;
      if (i < text.size() && text[i] == ':') {
        const std::size_t start = i + 1;
        std::size_t last_at = std::string_view::npos;
        std::size_t j = start;
        for (; j < text.size() && !ends_url(text[j]); ++j) {
          if (text[j] == '@') last_at = j;
        }
        if (last_at != std::string_view::npos && last_at > start) {
          out.append(text.substr(copied, start - copied));
          out.append(Redactor::mask_text);
          copied = last_at;
          next = last_at + 1;
        } else {
          next = j;
        }
      }
    }
    at = text.find("://", next);
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

bool at_password_keyword(std::string_view text, std::size_t i) {
  static constexpr std::string_view word = "password";
  if (text.size() - i < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    // The word is lower-case ASCII letters: setting bit 0x20 folds case
    // for exactly those, without a locale call per byte.
    if ((static_cast<unsigned char>(text[i + k]) | 0x20) != word[k]) return false;
  }
  return true;
}

// Whether `password` (any case) is anywhere in text: looks at each 'p'
// only, found with memchr.
bool has_password_keyword(std::string_view text) {
  for (const char first : {'p', 'P'}) {
    for (std::size_t i = text.find(first); i != std::string_view::npos;
         i = text.find(first, i + 1)) {
      if (at_password_keyword(text, i)) return true;
    }
  }
  return false;
}

// password=VALUE, password = 'VALUE with spaces' (libpq's keyword form, any
// case) -> password=****. An unterminated quoted value is masked to the end
// of its line.
std::string mask_keyword_passwords(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  std::size_t i = 0;
  while (i + 8 <= text.size()) {
    if (!at_password_keyword(text, i)) {
      ++i;
      continue;
    }
    std::size_t j = i + 8;
    while (j < text.size() && is_space(text[j])) ++j;
    if (j >= text.size() || text[j] != '=') {
      i += 8;
      continue;
    }
    ++j;
    while (j < text.size() && is_space(text[j])) ++j;
    const std::size_t start = j;
    if (j < text.size() && text[j] == '\'') {
      ++j;
      while (j < text.size() && text[j] != '\'' && text[j] != '\n') j += text[j] == '\\' ? 2 : 1;
      j = std::min(j < text.size() && text[j] == '\'' ? j + 1 : j, text.size());
    } else {
      while (j < text.size() && !is_space(text[j]) && text[j] != '"' && text[j] != '\\') ++j;
    }
    if (j > start) {
      out.append(text.substr(copied, start - copied));
      out.append(Redactor::mask_text);
      copied = j;
    }
    i = std::max(j, i + 8);
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string mask_url_passwords(std::string_view text) {
  return url_passwords_masked(text);
}

bool is_secret_name(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return upper.find("PASSWORD") != std::string::npos || upper.find("PASSWD") != std::string::npos ||
         upper.find("SECRET") != std::string::npos || upper.find("TOKEN") != std::string::npos ||
         (upper.size() >= 3 && upper.compare(upper.size() - 3, 3, "KEY") == 0);
}

bool is_secret_variable(std::string_view name, std::string_view value) {
  return is_secret_name(name) || looks_like_conninfo(value) ||
         (looks_like_url(value) && !conninfo_secrets(value, /*whole_if_invalid=*/false).empty());
}

void Redactor::add_variable(std::string_view name, std::string_view value) {
  if (looks_like_url(value) || looks_like_conninfo(value)) {
    // A URL-looking value that libpq cannot parse is not necessarily a
    // connection string (https://...): only its typed password is a secret.
    add_secrets(conninfo_secrets(value, /*whole_if_invalid=*/false));
  }
  // A value of a few characters would mask ordinary words and numbers.
  if (is_secret_name(name) && value.size() >= 4) add_secret(value);
}

void Redactor::add_connection_string(std::string_view conninfo) {
  add_secrets(conninfo_secrets(conninfo, /*whole_if_invalid=*/true));
}

void Redactor::add_secret(std::string_view secret) {
  add_secrets({std::string(secret)});
}

void Redactor::add_secrets(const std::vector<std::string>& secrets) {
  std::lock_guard lock(mutex_);
  for (const std::string& secret : secrets) {
    if (secret.empty()) continue;
    const std::string clean = sanitize(secret);
    for (const std::string& form :
         {secret, percent_encode(secret), clean, json_escape(secret), json_escape(clean)}) {
      if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) {
        secrets_.push_back(form);
      }
    }
  }
  // Longest first, so that a secret containing another is masked whole.
  std::stable_sort(secrets_.begin(), secrets_.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string Redactor::mask(std::string_view text) const {
  // Each pass copies the text only when it masks something in it: a
  // dry run's details can be megabytes.
  std::string out(text);
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : secrets_) {
      if (out.find(s) != std::string::npos) out = replace_all(out, s);
    }
  }
  if (out.find("://") != std::string::npos) out = url_passwords_masked(out);
  if (has_password_keyword(out)) out = mask_keyword_passwords(out);
  return out;
}

std::string Redactor::clean(std::string_view text) const {
  return mask(sanitize(text));
}

void Redactor::clear() {
  std::lock_guard lock(mutex_);
  secrets_.clear();
}

Redactor& redactor() {
  static Redactor instance;
  return instance;
}

}  // namespace relctl::core
