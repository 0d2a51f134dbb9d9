// SPDX-License-Identifier: MIT
// Test helper: builds `n` devices of a registered device model from JSON params and init, the
// way a scenario or pulse protocol does (errors carry /device/params/... paths).
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "engine/device.hpp"
#include "engine/io/build.hpp"
#include "engine/io/scenario.hpp"

namespace memsnn::test {

inline std::unique_ptr<Device> make_device(const std::string& type, const Json& params,
                                           const Json& init = Json::object(), std::size_t n = 1,
                                           std::uint64_t seed = 1) {
    const ModelInfo* m = default_registry().find(type);
    REQUIRE(m != nullptr);
    REQUIRE(m->kind == ModelKind::device);
    const ParamTable t = resolve_params(&params, "/device/params", m->params, n, seed, 0, false);
    const ParamTable i = resolve_params(&init, "/device/init", m->init, n, seed, 1, true);
    return m->make_device(PopulationArgs{type, n, 0, seed, &t, &i});
}

}  // namespace memsnn::test
