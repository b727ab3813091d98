# Sanitizer and fuzzing builds (clang only), each in its own build folder:
#   RELCTL_SANITIZE=ON  AddressSanitizer + UndefinedBehaviorSanitizer for
#                       relctl and its tests (scripts/sanitize.sh, build-asan/)
#   RELCTL_FUZZ=ON      the libFuzzer targets of tests/fuzz only
#                       (scripts/fuzz.sh, build-fuzz/)
# Both compile at -O1 with line tables only (-g1): enough for symbolized
# reports, lean enough for CI's two cores. Any report aborts the process.
option(RELCTL_SANITIZE "Build relctl and its tests with ASan and UBSan (clang)" OFF)
option(RELCTL_FUZZ "Build the libFuzzer targets of tests/fuzz (clang)" OFF)

if(RELCTL_SANITIZE OR RELCTL_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "RELCTL_SANITIZE and RELCTL_FUZZ need clang: "
                        "configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(relctl_sanitizers "address,undefined")
  add_compile_options(-O1 -g1 -fno-omit-frame-pointer -fsanitize=${relctl_sanitizers}
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${relctl_sanitizers})
  if(RELCTL_FUZZ)
    # Coverage for libFuzzer in everything; its main() only in the targets.
    add_compile_options(-fsanitize=fuzzer-no-link)
  endif()
endif()
