#pragma once
// Time, behind an interface so tests can pin "today".

#include <chrono>
#include <string>

namespace relctl::core {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint now() const override { return std::chrono::system_clock::now(); }
};

/// A clock that always answers the same instant (tests).
class FixedClock final : public Clock {
 public:
  explicit FixedClock(TimePoint t) : t_(t) {}
  TimePoint now() const override { return t_; }
  void set(TimePoint t) { t_ = t; }

 private:
  TimePoint t_;
};

/// "YYYYMMDD" of t in UTC.
std::string utc_date(TimePoint t);
/// "2026-11-22T10:04:05Z" (UTC ISO-8601, second precision).
std::string utc_iso8601(TimePoint t);
/// Milliseconds since the Unix epoch.
long long epoch_ms(TimePoint t);

}  // namespace relctl::core
