#include "gates/pg/signature.hpp"

#include <cctype>
#include <map>

namespace relctl::gates {

namespace {

const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> m = {
      {"int", "integer"},
      {"int4", "integer"},
      {"int2", "smallint"},
      {"int8", "bigint"},
      {"serial", "integer"},
      {"serial4", "integer"},
      {"bigserial", "bigint"},
      {"serial8", "bigint"},
      {"smallserial", "smallint"},
      {"serial2", "smallint"},
      {"bool", "boolean"},
      {"float8", "double precision"},
      {"float", "double precision"},
      {"float4", "real"},
      {"decimal", "numeric"},
      {"varchar", "character varying"},
      {"char", "character"},
      {"bpchar", "character"},
      {"varbit", "bit varying"},
      {"timestamptz", "timestamp with time zone"},
      {"timestamp", "timestamp without time zone"},
      {"timetz", "time with time zone"},
      {"time", "time without time zone"},
  };
  return m;
}

std::string squeeze(std::string_view in) {
  std::string out;
  bool space = false;
  for (char c : in) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space && c != '[' && c != '(' && out.back() != '(') out += ' ';
    space = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string drop_typmod(const std::string& s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  // "character varying [ ]" and "numeric " leave blanks behind.
  while (!out.empty() && out.back() == ' ') out.pop_back();
  std::string cleaned;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == ' ' && i + 1 < out.size() && out[i + 1] == '[') continue;
    cleaned += out[i];
  }
  return cleaned;
}

std::string unqualified(const std::string& s) {
  const auto dot = s.rfind('.');
  return dot == std::string::npos ? s : s.substr(dot + 1);
}

}  // namespace

std::string normalise_type_name(std::string_view type) {
  std::string s = drop_typmod(squeeze(type));
  int dims = 0;
  while (s.size() >= 2 && s.compare(s.size() - 2, 2, "[]") == 0) {
    s.resize(s.size() - 2);
    ++dims;
  }
  for (const char* prefix : {"pg_catalog.", "public."}) {
    if (s.rfind(prefix, 0) == 0) s = s.substr(std::string_view(prefix).size());
  }
  if (!s.empty() && s.front() == '_' && dims == 0) {  // internal array name: _text = text[]
    s = s.substr(1);
    dims = 1;
  }
  if (auto it = aliases().find(s); it != aliases().end()) s = it->second;
  // "timestamp(3) with time zone" has already lost its typmod; spell the long forms alike.
  if (s == "timestamp with timezone") s = "timestamp with time zone";
  for (int i = 0; i < dims; ++i) s += "[]";
  return s;
}

bool same_type(std::string_view a, std::string_view b) {
  const std::string na = normalise_type_name(a);
  const std::string nb = normalise_type_name(b);
  if (na == nb) return true;
  const bool qa = na.find('.') != std::string::npos;
  const bool qb = nb.find('.') != std::string::npos;
  return qa != qb && unqualified(na) == unqualified(nb);
}

std::string format_signature(std::string_view name, const std::vector<std::string>& args) {
  std::string out(name);
  out += '(';
  for (std::size_t i = 0; i < args.size(); ++i) out += (i ? ", " : "") + args[i];
  return out + ')';
}

}  // namespace relctl::gates
