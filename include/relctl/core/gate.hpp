#pragma once
// The gate interface: a small reusable step of a pipeline that either checks
// something (read-only) or does something that can be undone (an action).
// Timing, logging, skipping, dry-run, undo and recording live in the runner.

#include <string>
#include <string_view>
#include <vector>

namespace relctl::core {

class Context;

enum class Kind { check, action };
enum class Severity { hard, soft };
enum class Status { passed, failed, warned, skipped, planned, undone };

std::string_view to_string(Kind k);
std::string_view to_string(Severity s);
std::string_view to_string(Status s);

/// What one gate run produced. `details_json` is a JSON object as text (kept
/// as text so that no JSON library leaks into public headers).
struct Outcome {
  Status status = Status::passed;
  std::string message;
  std::string details_json = "{}";
  bool ends_run = false;  // see done()

  static Outcome pass(std::string message = {}, std::string details = "{}") {
    return {Status::passed, std::move(message), std::move(details)};
  }
  static Outcome fail(std::string message, std::string details = "{}") {
    return {Status::failed, std::move(message), std::move(details)};
  }
  /// A warning from a hard gate: the run goes on (e.g. a warn-severity check).
  static Outcome warn(std::string message, std::string details = "{}") {
    return {Status::warned, std::move(message), std::move(details)};
  }
  /// The gate does not apply here (not configured, nothing to do); not an error.
  static Outcome skip(std::string reason, std::string details = "{}") {
    return {Status::skipped, std::move(reason), std::move(details)};
  }
  /// The run's work is done already (the release runs there): the gate
  /// passes and the run ends here, passed; no later gate runs.
  static Outcome done(std::string message, std::string details = "{}") {
    return {Status::passed, std::move(message), std::move(details), true};
  }
};

/// A pipeline step. Checks must not change anything; actions must be able to
/// undo exactly what their run() did and describe it with concrete values in
/// plan(). run() returns an Outcome, or throws relctl::Error (the runner
/// records it as a failure with the error's exit code).
class Gate {
 public:
  virtual ~Gate() = default;

  virtual std::string id() const = 0;
  virtual std::string description() const = 0;
  virtual Kind kind() const = 0;
  virtual Severity severity() const { return Severity::hard; }

  virtual Outcome run(Context& ctx) = 0;

  /// Actions: "would create tag data-20261122 at 3f2a1c9"; used in dry runs.
  virtual std::string plan(Context& ctx);

  /// Actions: what the last plan() would write, as a JSON object (file
  /// diffs, the changelog section, messages, refs) for the dry run's
  /// details; "{}" when there is nothing more to show.
  virtual std::string plan_details() const { return "{}"; }

  /// Actions: reverse what run() did. Called in reverse order after a later
  /// hard failure, a rejected push or Ctrl-C. Throws relctl::Error if it cannot.
  virtual void undo(Context& ctx);

  /// False for actions whose effect cannot be taken back (a deploy command):
  /// after a later failure the runner leaves them "passed" instead of
  /// claiming they were undone.
  virtual bool reversible() const { return true; }
  /// True for the action after which the release is public (git.push): once
  /// it has passed, a later failure undoes nothing done before it, because
  /// the remote already has it (the forge steps after the push are then
  /// finished with `relctl publish`).
  virtual bool point_of_no_return() const { return false; }
  /// False when `--skip <id>` must be refused (env.confirm on protected envs).
  virtual bool may_skip(const Context& ctx) const;

  /// The relctl.toml keys the gate reads ("project.remote"), for the run's log.
  virtual std::vector<std::string> config_keys() const { return {}; }
};

}  // namespace relctl::core
