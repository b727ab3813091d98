# cmake -DRELCTL=path/to/relctl -DOUT=dir -P cmake/GenerateDocs.cmake
# The man page and the shell completions, printed by the relctl binary from
# its own command line (`relctl man`, `relctl completion SHELL`). The man
# page is compressed as Debian wants it (gzip -9n: no name, no timestamp).
function(relctl_print out)
  execute_process(COMMAND ${RELCTL} ${ARGN} OUTPUT_FILE ${out} RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "relctl ${ARGN} failed (${status})")
  endif()
endfunction()
file(MAKE_DIRECTORY ${OUT})
relctl_print(${OUT}/relctl.1 man)
execute_process(COMMAND gzip -9nf ${OUT}/relctl.1 RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "gzip of relctl.1 failed")
endif()
relctl_print(${OUT}/relctl.bash completion bash)
relctl_print(${OUT}/_relctl completion zsh)
relctl_print(${OUT}/relctl.fish completion fish)
