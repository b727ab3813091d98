#include "relctl/core/log.hpp"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include "relctl/core/output_file.hpp"
#include "relctl/core/redactor.hpp"

namespace relctl::core {

namespace fs = std::filesystem;

namespace {

struct RunLog {
  std::mutex mutex;
  std::shared_ptr<spdlog::logger> logger;
  const Redactor* redactor = nullptr;
  std::atomic<bool> active{false};
};

RunLog& run_log() {
  static RunLog log;
  return log;
}

// Keeps the newest `keep` logs of `folder` (run ids sort by time).
void prune(const fs::path& folder, std::size_t keep) {
  std::error_code ec;
  std::vector<fs::path> logs;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    if (entry.path().extension() == ".log") logs.push_back(entry.path());
  }
  if (logs.size() <= keep) return;
  std::sort(logs.begin(), logs.end());
  for (std::size_t i = 0; i + keep < logs.size(); ++i) fs::remove(logs[i], ec);
}

}  // namespace

fs::path logs_folder(const fs::path& root) {
  return root / ".relctl" / "logs";
}

fs::path log_file(const fs::path& folder, std::string_view run_id) {
  return folder / (std::string(run_id) + ".log");
}

std::string start_run_log(const fs::path& folder, std::string_view run_id, const Redactor& redactor,
                          bool mirror) {
  stop_run_log();
  RunLog& log = run_log();
  try {
    if (folder.parent_path().filename() == ".relctl") make_private_folder(folder.parent_path());
    fs::create_directories(folder);
    prune(folder, kept_logs - 1);
    std::vector<spdlog::sink_ptr> sinks;
    auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(
        log_file(folder, run_id).string(), /*truncate=*/true);
    file->set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc));
    sinks.push_back(file);
    if (mirror) {
      auto err = std::make_shared<spdlog::sinks::stderr_sink_mt>();
      err->set_pattern("relctl: log: %v");
      sinks.push_back(err);
    }
    auto logger = std::make_shared<spdlog::logger>("run", sinks.begin(), sinks.end());
    logger->set_level(spdlog::level::debug);
    // Gate boundaries are written at info and flushed: a crash keeps what
    // happened up to the gate it died in.
    logger->flush_on(spdlog::level::info);
    std::lock_guard lock(log.mutex);
    log.logger = std::move(logger);
    log.redactor = &redactor;
    log.active = true;
    return "";
  } catch (const std::exception& e) {
    return "cannot write the debug log in " + folder.string() + ": " + e.what();
  }
}

void stop_run_log() {
  RunLog& log = run_log();
  std::lock_guard lock(log.mutex);
  log.active = false;
  if (log.logger) log.logger->flush();
  log.logger.reset();
  log.redactor = nullptr;
}

bool run_log_active() {
  return run_log().active.load();
}

void log_line(std::string_view line, LogLevel level) {
  RunLog& log = run_log();
  std::lock_guard lock(log.mutex);
  if (!log.logger) return;
  try {
    const std::string masked = log.redactor->mask(line);
    if (level == LogLevel::step) {
      log.logger->info("{}", masked);
    } else {
      log.logger->debug("{}", masked);
    }
  } catch (const std::exception&) {
    // A log that cannot be written never fails the run.
  }
}

}  // namespace relctl::core
