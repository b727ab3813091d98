// deploy.record: the last gate of promote and rollback. It writes the
// deployment row (kind, status succeeded, who, where, which run, the soft
// gates that warned) into relctl.deployments of the environment's database;
// a rollback marks the release it replaces rejected in the same transaction.
// The run itself goes to the ledger like every run.

#include <fmt/format.h>

#include "gates/deploy/deployment.hpp"
#include "gates/pg/common.hpp"
#include "gates/registered.hpp"
#include "relctl/core/error.hpp"
#include "relctl/gates/deploy.hpp"
#include "relctl/pg/deployments.hpp"

namespace relctl::gates {

namespace {

class DeployRecord final : public RegisteredGate {
 public:
  explicit DeployRecord(std::shared_ptr<release::Promotion> p)
      : RegisteredGate("deploy.record"), p_(std::move(p)) {}

  std::string plan(core::Context& /*ctx*/) override {
    std::string s = fmt::format("would record {} as the current release of {} (kind {})", p_->tag,
                                p_->env, release::to_string(p_->kind));
    if (!p_->replaced_tag.empty()) s += " and mark " + p_->replaced_tag + " rejected";
    return s;
  }

  core::Outcome run(core::Context& ctx) override {
    const PgTarget target = pg_target(ctx);
    pg::Connection& conn = pg_connection(ctx, target);
    pg::ensure_deployments(conn);
    const pg::Deployment d = deploy::row_of(ctx, *p_, release::DeployStatus::succeeded);
    {
      pg::ScopedTransaction tx(conn);
      id_ = pg::insert_deployment(conn, d);
      if (!p_->replaced_tag.empty()) {
        rejected_ = pg::reject_release(conn, p_->env, p_->replaced_tag, p_->reason);
      }
      tx.commit();
    }
    const std::size_t rejected = rejected_.size();
    recorded_ = true;
    std::string message =
        fmt::format("recorded deployment #{}: {} is the current release of {} ({}, by {})", id_,
                    p_->tag, p_->env, d.kind, d.actor);
    if (!p_->replaced_tag.empty()) {
      message += fmt::format("; {} marked rejected ({} row{})", p_->replaced_tag, rejected,
                             rejected == 1 ? "" : "s");
    }
    if (!ctx.warnings.empty()) {
      message += fmt::format("; {} soft gate{} warned", ctx.warnings.size(),
                             ctx.warnings.size() == 1 ? "" : "s");
    }
    return core::Outcome::pass(message, to_details({{"deployment_id", id_},
                                                    {"kind", d.kind},
                                                    {"warnings", ctx.warnings},
                                                    {"rejected", p_->replaced_tag}}));
  }

  void undo(core::Context& ctx) override {
    if (!recorded_) return;
    pg::Connection& conn = pg_connection(ctx, pg_target(ctx));
    pg::forget_deployment(conn, id_, rejected_);
    recorded_ = false;
  }

 private:
  std::shared_ptr<release::Promotion> p_;
  long long id_ = 0;
  std::vector<long long> rejected_;  // rows this run marked rejected
  bool recorded_ = false;
};

}  // namespace

std::unique_ptr<core::Gate> make_deploy_record(std::shared_ptr<release::Promotion> promotion) {
  return std::make_unique<DeployRecord>(std::move(promotion));
}

}  // namespace relctl::gates
