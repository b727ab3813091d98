#include "relctl/core/redactor.hpp"

#include <algorithm>
#include <cctype>
#include <regex>

#include "relctl/core/text.hpp"

namespace relctl::core {

namespace {

std::string percent_decode(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& needle, std::string_view with) {
  if (needle.empty()) return;
  for (size_t pos = text.find(needle); pos != std::string::npos;
       pos = text.find(needle, pos + with.size())) {
    text.replace(pos, needle.size(), with);
  }
}

const std::regex& url_password() {
  // scheme://user:PASSWORD@host
  static const std::regex re(R"(([A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*:)([^@\s]+)@)");
  return re;
}

const std::regex& keyword_password() {
  // password=VALUE or password='VALUE with spaces' (libpq keyword form)
  static const std::regex re(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s]+))", std::regex::icase);
  return re;
}

}  // namespace

void Redactor::add_variable(std::string_view name, std::string_view value) {
  add_connection_string(value);
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const bool secret_name =
      upper.find("PASSWORD") != std::string::npos || upper.find("PASSWD") != std::string::npos ||
      upper.find("SECRET") != std::string::npos || upper.find("TOKEN") != std::string::npos ||
      (upper.size() >= 3 && upper.compare(upper.size() - 3, 3, "KEY") == 0);
  // A value of a few characters would mask ordinary words and numbers.
  if (secret_name && value.size() >= 4) add_secret(value);
}

void Redactor::add_secret(std::string_view secret) {
  if (secret.empty()) return;
  std::lock_guard lock(mutex_);
  for (const std::string& form : {std::string(secret), percent_encode(secret)}) {
    if (std::find(secrets_.begin(), secrets_.end(), form) == secrets_.end()) {
      secrets_.push_back(form);
    }
  }
  // Longest first, so that a secret containing another is masked whole.
  std::sort(secrets_.begin(), secrets_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void Redactor::add_connection_string(std::string_view conninfo) {
  const std::string text(conninfo);
  std::smatch m;
  if (std::regex_search(text, m, url_password())) {
    add_secret(m[2].str());
    add_secret(percent_decode(m[2].str()));
  }
  if (std::regex_search(text, m, keyword_password())) {
    std::string value = m[2].str();
    if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
      value = value.substr(1, value.size() - 2);
    }
    add_secret(value);
  }
}

std::string Redactor::mask(std::string_view text) const {
  std::string out(text);
  {
    std::lock_guard lock(mutex_);
    for (const auto& s : secrets_) replace_all(out, s, mask_text);
  }
  out = std::regex_replace(out, url_password(), "$1****@");
  out = std::regex_replace(out, keyword_password(), "$1****");
  return out;
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
