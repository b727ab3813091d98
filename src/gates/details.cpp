#include "gates/details.hpp"

#include "relctl/core/sanitize.hpp"

namespace relctl::gates {

namespace {

nlohmann::json sanitized(const nlohmann::json& j) {
  if (j.is_string()) return core::sanitize(j.get_ref<const std::string&>());
  if (j.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : j) out.push_back(sanitized(item));
    return out;
  }
  if (j.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = j.begin(); it != j.end(); ++it)
      out[core::sanitize(it.key())] = sanitized(it.value());
    return out;
  }
  return j;
}

}  // namespace

std::string to_details(const nlohmann::json& details) {
  return sanitized(details).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace relctl::gates
