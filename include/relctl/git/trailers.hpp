#pragma once
// Relctl-* trailers of commit and tag messages, read the way git reads
// trailers: only from the message's final paragraph, so that text quoted
// earlier in a message (a changelog, a table list) can never pose as one.

#include <optional>
#include <string>
#include <string_view>

namespace relctl::git {

/// The value of trailer `key` ("Relctl-Snapshot-Sha256") in the final
/// trailer block of `message`: its last paragraph, when every line of that
/// paragraph is a `Token: value` trailer; nullopt when there is no such
/// block or the key is not in it. Throws GateError when the block gives the
/// key twice with different values.
std::optional<std::string> trailer(std::string_view message, std::string_view key);

}  // namespace relctl::git
