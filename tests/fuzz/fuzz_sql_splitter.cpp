// libFuzzer target: a migration or smoke file as any bytes, through the
// statement splitter and the keyword helpers the gates call on each piece.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "relctl/pg/sql_script.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  int last_line = 1;
  for (const auto& s : relctl::pg::split_sql(text)) {
    if (s.line < last_line || s.text.empty()) std::abort();  // statements come in order
    last_line = s.line;
    relctl::pg::leading_keywords(s.text, 3);
    relctl::pg::is_transaction_control(s.text);
    relctl::pg::line_of_position(s.text, static_cast<int>(s.text.size() / 2) + 1);
  }
  return 0;
}
