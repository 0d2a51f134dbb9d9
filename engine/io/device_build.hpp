// SPDX-License-Identifier: MIT
// A device array from a device object, as pulse protocols and synapse circuits write it:
//   {"type": <device model>, "params": {...}, "init": {...}, "description": ...}
// with every unknown key, unknown type and bad value reported at its JSON path.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "engine/device.hpp"
#include "engine/io/scenario.hpp"
#include "engine/model.hpp"

namespace memsnn {

struct DeviceBuild {
    std::unique_ptr<Device> device;
    std::string type;
};

// `n` devices; `id` keys the devices' own random streams, `param_streams` the two parameter
// streams (params, init) of the per-element draws. `extra_keys` are keys the caller reads.
DeviceBuild build_device(const Json& object, const std::string& path, std::size_t n,
                         std::uint64_t seed, std::uint32_t id, std::uint64_t param_streams,
                         const Registry& registry, const std::vector<std::string>& extra_keys = {});

}  // namespace memsnn
