#include "support/json_schema.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "support/support.hpp"

namespace relctl::test {

namespace {

using nlohmann::json;

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  // Appends to `out` why `doc` (at `path`) does not match `s`.
  void check(const json& s, const json& doc, const std::string& path,
             std::vector<std::string>& out) {
    if (s.is_boolean()) {
      if (!s.get<bool>()) out.push_back(path + ": no value is allowed here");
      return;
    }
    static const std::set<std::string> known = {
        "$schema", "$id",   "title",    "description", "$comment",
        "$defs",   "type",  "required", "properties",  "additionalProperties",
        "enum",    "const", "items",    "$ref",        "anyOf",
        "oneOf",   "allOf"};
    for (auto it = s.begin(); it != s.end(); ++it) {
      if (!known.count(it.key())) {
        throw std::runtime_error("schema keyword '" + it.key() + "' is not supported");
      }
    }
    if (s.contains("$ref")) check(resolve(s["$ref"]), doc, path, out);
    if (s.contains("type") && !has_type(s["type"], doc)) {
      out.push_back(path + ": " + doc.type_name() + " is not of type " + s["type"].dump());
      return;
    }
    if (s.contains("const") && doc != s["const"]) {
      out.push_back(path + ": " + doc.dump() + " is not " + s["const"].dump());
    }
    if (s.contains("enum")) {
      const auto& e = s["enum"];
      if (std::find(e.begin(), e.end(), doc) == e.end()) {
        out.push_back(path + ": " + doc.dump() + " is not one of " + e.dump());
      }
    }
    if (doc.is_object()) check_object(s, doc, path, out);
    if (doc.is_array() && s.contains("items")) {
      for (std::size_t i = 0; i < doc.size(); ++i) {
        check(s["items"], doc[i], path + "/" + std::to_string(i), out);
      }
    }
    if (s.contains("allOf")) {
      for (const auto& sub : s["allOf"]) check(sub, doc, path, out);
    }
    if (s.contains("anyOf")) combine(s["anyOf"], doc, path, out, false);
    if (s.contains("oneOf")) combine(s["oneOf"], doc, path, out, true);
  }

 private:
  const json& resolve(const json& ref) const {
    const std::string text = ref.get<std::string>();
    const std::string prefix = "#/$defs/";
    const std::string name = text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : "";
    if (name.empty() || !root_.contains("$defs") || !root_["$defs"].contains(name)) {
      throw std::runtime_error("$ref '" + text + "' is not a #/$defs/ entry of the schema");
    }
    return root_["$defs"][name];
  }

  static bool has_type(const json& type, const json& doc) {
    if (type.is_array()) {
      for (const auto& t : type) {
        if (has_type(t, doc)) return true;
      }
      return false;
    }
    const std::string t = type.get<std::string>();
    if (t == "object") return doc.is_object();
    if (t == "array") return doc.is_array();
    if (t == "string") return doc.is_string();
    if (t == "integer") return doc.is_number_integer();
    if (t == "number") return doc.is_number();
    if (t == "boolean") return doc.is_boolean();
    if (t == "null") return doc.is_null();
    throw std::runtime_error("unknown type '" + t + "' in the schema");
  }

  void check_object(const json& s, const json& doc, const std::string& path,
                    std::vector<std::string>& out) {
    for (const auto& key : s.value("required", json::array())) {
      if (!doc.contains(key.get<std::string>())) {
        out.push_back(path + ": the required property " + key.dump() + " is missing");
      }
    }
    const json props = s.value("properties", json::object());
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      const std::string at = path + "/" + it.key();
      if (props.contains(it.key())) {
        check(props[it.key()], it.value(), at, out);
      } else if (s.contains("additionalProperties")) {
        if (s["additionalProperties"] == false) {
          out.push_back(at + ": the property is not allowed here");
        } else {
          check(s["additionalProperties"], it.value(), at, out);
        }
      }
    }
  }

  // anyOf (at least one branch matches) and oneOf (exactly one).
  void combine(const json& branches, const json& doc, const std::string& path,
               std::vector<std::string>& out, bool exactly_one) {
    std::size_t matched = 0;
    std::vector<std::string> why;
    for (std::size_t i = 0; i < branches.size(); ++i) {
      std::vector<std::string> errors;
      check(branches[i], doc, path, errors);
      if (errors.empty()) {
        ++matched;
      } else {
        why.push_back("branch " + std::to_string(i) + ": " + errors.front());
      }
    }
    if (matched == 0) {
      std::string text =
          path + ": matches none of the " + std::to_string(branches.size()) + " alternatives";
      for (const auto& w : why) text += "\n  " + w;
      out.push_back(text);
    } else if (exactly_one && matched > 1) {
      out.push_back(path + ": matches " + std::to_string(matched) +
                    " alternatives of a oneOf, not exactly one");
    }
  }

  const json& root_;
};

}  // namespace

std::vector<std::string> schema_errors(const nlohmann::json& schema, const nlohmann::json& doc) {
  std::vector<std::string> out;
  Validator(schema).check(schema, doc, "", out);
  return out;
}

const nlohmann::json& relctl_schema() {
  static const nlohmann::json schema =
      nlohmann::json::parse(read_file(fs::path(RELCTL_SOURCE_DIR) / "docs/relctl.schema.json"));
  return schema;
}

nlohmann::json check_envelope(const ProcessResult& r, int exit_code, const std::string& status) {
  INFO(output(r));
  auto doc = nlohmann::json::parse(r.out, nullptr, false);  // one document, nothing else
  REQUIRE_FALSE(doc.is_discarded());
  std::string why;
  for (const auto& e : schema_errors(relctl_schema(), doc)) why += e + "\n";
  CHECK(why.empty());
  CHECK(r.exit_code == exit_code);
  CHECK(doc["exit_code"] == exit_code);
  CHECK(doc["status"] == status);
  return doc;
}

}  // namespace relctl::test
