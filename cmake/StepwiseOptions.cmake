# Compiler flags shared by every Stepwise target, applied through one interface library.
add_library(stepwise_options INTERFACE)
target_compile_options(stepwise_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
if(STEPWISE_WERROR)
    target_compile_options(stepwise_options INTERFACE -Werror)
endif()
target_compile_definitions(stepwise_options INTERFACE QT_NO_KEYWORDS)

if(STEPWISE_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# Adds every .cpp/.h under DIR (recursively) to TARGET; module folders own their files.
function(stepwise_glob_sources TARGET DIR)
    file(GLOB_RECURSE _srcs CONFIGURE_DEPENDS ${DIR}/*.cpp ${DIR}/*.h)
    list(FILTER _srcs EXCLUDE REGEX "/fuzz/")
    target_sources(${TARGET} PRIVATE ${_srcs})
endfunction()

if(STEPWISE_FUZZ)
    # Coverage instrumentation for every library the fuzzers link; tests/fuzz adds the driver.
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
endif()
