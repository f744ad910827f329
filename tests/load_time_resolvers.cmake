# SPDX-License-Identifier: Apache-2.0
# Fails if LIBRARY has IRELATIVE relocations: code (an AVX2 clone's resolver) that the loader
# runs while the library loads, before ThreadSanitizer has started (lanes/config.hpp).
find_program(READELF readelf REQUIRED)
execute_process(COMMAND ${READELF} -rW ${LIBRARY} OUTPUT_VARIABLE relocations COMMAND_ERROR_IS_FATAL ANY)
string(REGEX MATCHALL "[^\n]*IRELATIVE[^\n]*" found "${relocations}")
list(LENGTH found n)
if(n GREATER 0)
  message(FATAL_ERROR "${LIBRARY} has ${n} IRELATIVE relocations (AVX2 clones resolved at load time); "
                      "use LANES_AVX2_TARGET for code instantiated with lambdas")
endif()
message(STATUS "no IRELATIVE relocations in ${LIBRARY}")
