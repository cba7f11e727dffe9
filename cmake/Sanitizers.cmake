# SPDX-License-Identifier: GPL-2.0-or-later
# SOCKSCOPE_SANITIZE=ON: AddressSanitizer + UBSan for codec, generator and
# plugin. Undefined behaviour aborts, so a test run cannot hide it.
if(SOCKSCOPE_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=undefined
           -fno-omit-frame-pointer)
  add_compile_options(${_san})
  add_link_options(-fsanitize=address,undefined)
endif()

# SOCKSCOPE_FUZZ=ON (clang): coverage instrumentation for libFuzzer plus
# ASan/UBSan everywhere, so the codec under test is instrumented too.
if(SOCKSCOPE_FUZZ)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SOCKSCOPE_FUZZ needs clang (CC=clang-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# SOCKSCOPE_COVERAGE=ON (clang): source-based coverage of everything built
# (the plugin module too), for scripts/fuzz --coverage: each instrumented
# program and sockscope.so write a profile of their own (LLVM_PROFILE_FILE
# with %m), merged by llvm-profdata and reported by llvm-cov.
if(SOCKSCOPE_COVERAGE)
  if(NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SOCKSCOPE_COVERAGE needs clang (CC=clang-14)")
  endif()
  if(SOCKSCOPE_FUZZ OR SOCKSCOPE_SANITIZE)
    message(FATAL_ERROR "SOCKSCOPE_COVERAGE is a build of its own (no SOCKSCOPE_FUZZ, SOCKSCOPE_SANITIZE)")
  endif()
  add_compile_options(-fprofile-instr-generate -fcoverage-mapping)
  add_link_options(-fprofile-instr-generate)
endif()
