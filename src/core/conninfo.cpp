// The only place in core that asks libpq something: how it parses a
// connection string. Nothing here connects.

#include "relctl/core/conninfo.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>

#include "relctl/core/text.hpp"

namespace relctl::core {

namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

// libpq's complaint up to the first part it quotes (a piece of the string,
// maybe of its password), which becomes "...": `invalid URI query
// parameter: "..."`. What follows is dropped: a quote inside the quoted
// part would make anything after it ambiguous.
std::string unquoted(std::string_view message) {
  std::string out;
  for (std::size_t i = 0; i < message.size(); ++i) {
    if (message.substr(i, 3) == "\"=\"") {  // `missing "=" after ...` keeps its "="
      out += "\"=\"";
      i += 2;
    } else if (message[i] == '"') {
      return out + "\"...\"";
    } else if (message[i] != '\n') {
      out += message[i];
    }
  }
  return out;
}

// The keywords libpq sets from `text`, or nullopt when it cannot parse it
// (then `complaint` says why, without quoting the string).
std::optional<Values> libpq_values(std::string_view text, std::string* complaint = nullptr) {
  const std::string copy(text);
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(copy.c_str(), &error);
  if (error) {
    if (complaint) *complaint = unquoted(error);
    PQfreemem(error);
  }
  if (!options) return std::nullopt;
  Values values;
  for (const PQconninfoOption* o = options; o->keyword; ++o) {
    if (o->val) values.emplace_back(o->keyword, o->val);
  }
  PQconninfoFree(options);
  return values;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t start = 0;;) {
    const std::size_t end = text.find(sep, start);
    out.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The port of "host:port" ("[::1]:5432" included), or empty.
std::string_view port_of(std::string_view item) {
  const auto colon = item.rfind(':');
  if (colon == std::string_view::npos || item.back() == ']') return {};
  return item.substr(colon + 1);
}

// The URL as a person typed it: the password runs to the last '@' before
// the query, however libpq splits it; without '@', what follows "host:" is
// where a password typed without a host ends up.
void typed_url_secrets(std::string_view url, std::vector<std::string>& out) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return;
  const std::string_view rest = url.substr(scheme + 3);
  const std::string_view region = rest.substr(0, rest.find('?'));
  if (const auto at = region.rfind('@'); at != std::string_view::npos) {
    const std::string_view userinfo = region.substr(0, at);
    if (const auto colon = userinfo.find(':'); colon != std::string_view::npos) {
      out.emplace_back(userinfo.substr(colon + 1));
      out.push_back(percent_decode(userinfo.substr(colon + 1)));
    }
    return;
  }
  for (const auto item : split(region.substr(0, region.find('/')), ',')) {
    if (const auto port = port_of(item); !port.empty() && !all_digits(port)) {
      out.emplace_back(port);
      out.push_back(percent_decode(port));
    }
  }
}

}  // namespace

bool looks_like_url(std::string_view text) {
  const auto scheme = text.find("://");
  return scheme != std::string_view::npos && scheme > 0 &&
         std::isalpha(static_cast<unsigned char>(text[scheme - 1]));
}

bool looks_like_conninfo(std::string_view text) {
  text = trim(text);
  if (text.rfind("postgresql://", 0) == 0 || text.rfind("postgres://", 0) == 0) return true;
  for (auto at = text.find("password"); at != std::string_view::npos;
       at = text.find("password", at + 1)) {
    const auto next = text.find_first_not_of(" \t", at + 8);
    if (next != std::string_view::npos && text[next] == '=') return true;
  }
  return false;
}

std::vector<std::string> conninfo_secrets(std::string_view conninfo, bool whole_if_invalid) {
  std::vector<std::string> out;
  const auto values = libpq_values(conninfo);
  if (values) {
    for (const auto& [key, value] : *values) {
      if (key == "password") {
        out.push_back(value);
      } else if (key == "port") {
        for (const auto port : split(value, ',')) {
          if (!all_digits(port)) out.emplace_back(port);
        }
      } else if ((key == "host" || key == "hostaddr" || key == "dbname" || key == "user") &&
                 value.find('@') != std::string::npos) {
        out.push_back(value);
      }
    }
  }
  if (looks_like_url(conninfo)) typed_url_secrets(conninfo, out);
  if (!values && whole_if_invalid) out.emplace_back(trim(conninfo));
  out.erase(std::remove(out.begin(), out.end(), std::string()), out.end());
  return out;
}

std::string conninfo_problem(std::string_view conninfo) {
  std::string complaint;
  const auto values = libpq_values(conninfo, &complaint);
  if (!values) return "libpq cannot parse it" + (complaint.empty() ? "" : " (" + complaint + ")");
  for (const auto& [key, value] : *values) {
    if (key == "port") {
      for (const auto port : split(value, ',')) {
        if (!all_digits(port)) return "its port is not a number (a password without '@host'?)";
      }
    }
    if ((key == "host" || key == "hostaddr") && value.find('@') != std::string::npos) {
      return "its host name holds an '@' (an unencoded '@' in the password?)";
    }
  }
  return "";
}

}  // namespace relctl::core
