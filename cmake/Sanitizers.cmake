# SPDX-License-Identifier: GPL-2.0-or-later
# SOCKSCOPE_SANITIZE=ON: AddressSanitizer + UBSan for codec, generator and
# plugin. Undefined behaviour aborts, so a test run cannot hide it.
if(SOCKSCOPE_SANITIZE)
  set(_san -fsanitize=address,undefined -fno-sanitize-recover=undefined
           -fno-omit-frame-pointer)
  add_compile_options(${_san})
  add_link_options(-fsanitize=address,undefined)
endif()
