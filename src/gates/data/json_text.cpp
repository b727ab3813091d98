#include "gates/data/json_text.hpp"

#include <algorithm>

#include "gates/details.hpp"

namespace relctl::gates::data {

namespace {

using nlohmann::json;

// Text that is not valid UTF-8 (a table name from a foreign snapshot) is
// written with replacement characters rather than failing the release.
std::string scalar(const json& v) {
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool flat(const json& array) {
  return std::all_of(array.begin(), array.end(), [](const json& v) { return v.is_primitive(); });
}

void write(std::string& out, const json& v, int depth) {
  const std::string pad(static_cast<std::size_t>(2 * (depth + 1)), ' ');
  const std::string close(static_cast<std::size_t>(2 * depth), ' ');
  if (v.is_object()) {
    if (v.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {  // std::map order: sorted keys
      if (!first) out += ",\n";
      first = false;
      out += pad + scalar(json(it.key())) + ": ";
      write(out, it.value(), depth + 1);
    }
    out += "\n" + close + "}";
  } else if (v.is_array()) {
    if (v.empty()) {
      out += "[]";
    } else if (flat(v)) {
      out += "[";
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + scalar(v[i]);
      out += "]";
    } else {
      out += "[\n";
      for (std::size_t i = 0; i < v.size(); ++i) {
        out += (i ? ",\n" : "") + pad;
        write(out, v[i], depth + 1);
      }
      out += "\n" + close + "]";
    }
  } else {
    out += scalar(v);
  }
}

}  // namespace

std::string compact_json(const json& value) {
  return to_details(value);
}

std::string diffable_json(const json& value) {
  std::string out;
  write(out, value, 0);
  return out + "\n";
}

}  // namespace relctl::gates::data
