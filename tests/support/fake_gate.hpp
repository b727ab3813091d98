#pragma once
// A scriptable gate for unit tests of the runner and pipelines: it records
// what happened to it in a shared journal and does what it is told.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "relctl/core/context.hpp"
#include "relctl/core/error.hpp"
#include "relctl/core/gate.hpp"

namespace relctl::test {

struct FakeGate : core::Gate {
  std::string gate_id;
  core::Kind gate_kind = core::Kind::check;
  core::Severity gate_severity = core::Severity::hard;
  std::function<core::Outcome(core::Context&)> on_run = [](core::Context&) {
    return core::Outcome::pass("ok");
  };
  std::vector<std::string>* journal = nullptr;
  bool skippable = true;
  bool can_undo = true;
  bool no_return = false;  // point_of_no_return(): a push

  std::string id() const override { return gate_id; }
  std::string description() const override { return "fake " + gate_id; }
  core::Kind kind() const override { return gate_kind; }
  core::Severity severity() const override { return gate_severity; }
  core::Outcome run(core::Context& ctx) override {
    if (journal) journal->push_back("run " + gate_id);
    return on_run(ctx);
  }
  std::string plan(core::Context&) override { return "would do " + gate_id; }
  void undo(core::Context&) override {
    if (journal) journal->push_back("undo " + gate_id);
  }
  bool may_skip(const core::Context&) const override { return skippable; }
  bool reversible() const override { return can_undo; }
  bool point_of_no_return() const override { return no_return; }
};

inline std::unique_ptr<FakeGate> fake(std::string id, core::Kind kind,
                                      std::vector<std::string>& journal) {
  auto g = std::make_unique<FakeGate>();
  g->gate_id = std::move(id);
  g->gate_kind = kind;
  g->journal = &journal;
  return g;
}

inline core::Outcome failing(core::Context&) {
  return core::Outcome::fail("it broke");
}

}  // namespace relctl::test
