// SPDX-License-Identifier: MIT
// Test helper: builds `n` devices of a registered device model from JSON params and init, the
// way a scenario or pulse protocol does (errors carry /device/params/... paths).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "engine/device.hpp"
#include "engine/io/build.hpp"
#include "engine/io/device_build.hpp"
#include "engine/io/scenario.hpp"

namespace memsnn::test {

inline std::unique_ptr<Device> make_device(const std::string& type, const Json& params,
                                           const Json& init = Json::object(), std::size_t n = 1,
                                           std::uint64_t seed = 1) {
    const Json object{{"type", type}, {"params", params}, {"init", init}};
    return build_device(object, "/device", n, seed, 0, 0, default_registry()).device;
}

}  // namespace memsnn::test
