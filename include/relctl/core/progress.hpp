#pragma once
// Where long steps (an integrity check, hashing, an export) show how far
// they are. The command hands in a terminal progress line on a TTY
// (report/); elsewhere there is none and nothing shows.

#include <string_view>

namespace relctl::core {

class Progress {
 public:
  virtual ~Progress() = default;
  /// Replaces the progress line with `text`.
  virtual void show(std::string_view text) = 0;
  /// Removes the progress line (before the gate's result is printed).
  virtual void clear() = 0;
};

}  // namespace relctl::core
