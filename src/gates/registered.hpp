#pragma once
// RegisteredGate: the base of relctl's gates. A gate names its id; its kind,
// severity and description come from the gate registry (registry.cpp), and
// are written nowhere else.

#include <string>
#include <string_view>

#include "relctl/core/gate.hpp"
#include "relctl/gates/registry.hpp"

namespace relctl::gates {

class RegisteredGate : public core::Gate {
 public:
  /// `id` must be in the registry ("command.x" finds command.<id>); a gate
  /// the registry does not know is a bug: throws std::logic_error.
  explicit RegisteredGate(std::string_view id);

  std::string id() const override { return info_->id; }
  std::string description() const override { return info_->description; }
  core::Kind kind() const override { return info_->kind; }
  core::Severity severity() const override { return info_->severity; }
  std::vector<std::string> config_keys() const override { return info_->config_keys; }
  std::string plan_details() const override { return planned_; }

 protected:
  /// What plan() would write (to_details(...)), shown by dry runs.
  std::string planned_ = "{}";

 private:
  const GateInfo* info_;
};

}  // namespace relctl::gates
