# relctl_warnings: an INTERFACE target every relctl target links for its
# warning flags; RELCTL_WERROR (on in CI) turns them into errors.
add_library(relctl_warnings INTERFACE)
target_compile_options(relctl_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wnull-dereference -Wimplicit-fallthrough)
if(RELCTL_WERROR)
  target_compile_options(relctl_warnings INTERFACE -Werror)
endif()
