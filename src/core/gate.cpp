#include "relctl/core/gate.hpp"

#include "relctl/core/result.hpp"

namespace relctl::core {

std::string_view to_string(Kind k) {
  return k == Kind::check ? "check" : "action";
}

std::string_view to_string(Severity s) {
  return s == Severity::hard ? "hard" : "soft";
}

std::string_view to_string(Status s) {
  switch (s) {
    case Status::passed:
      return "passed";
    case Status::failed:
      return "failed";
    case Status::warned:
      return "warned";
    case Status::skipped:
      return "skipped";
    case Status::planned:
      return "planned";
    case Status::undone:
      return "undone";
  }
  return "unknown";
}

std::string_view to_string(RunStatus s) {
  switch (s) {
    case RunStatus::running:
      return "running";
    case RunStatus::passed:
      return "passed";
    case RunStatus::failed:
      return "failed";
    case RunStatus::interrupted:
      return "interrupted";
    case RunStatus::nothing_to_release:
      return "nothing-to-release";
  }
  return "unknown";
}

std::string Gate::plan(Context& /*ctx*/) {
  return "would run " + id();
}

void Gate::undo(Context& /*ctx*/) {}

bool Gate::may_skip(const Context& /*ctx*/) const {
  return true;
}

}  // namespace relctl::core
