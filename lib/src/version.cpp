#include "lanes/config.hpp"

const char* lanes::version() noexcept { return LANES_VERSION_STRING; }
