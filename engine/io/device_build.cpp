// SPDX-License-Identifier: MIT
#include "engine/io/device_build.hpp"

#include "engine/error.hpp"

namespace memsnn {

DeviceBuild build_device(const Json& d, const std::string& path, std::size_t n, std::uint64_t seed,
                         std::uint32_t id, std::uint64_t param_streams, const Registry& registry,
                         const std::vector<std::string>& extra_keys) {
    require_object(d, path);
    std::vector<std::string> keys{"type", "params", "init", "description"};
    keys.insert(keys.end(), extra_keys.begin(), extra_keys.end());
    check_keys(d, path, keys);
    DeviceBuild out;
    out.type = require_string(require(d, path, "type"), path + "/type");
    const ModelInfo* model = registry.find(out.type);
    if (!model || model->kind != ModelKind::device)
        throw ConfigError(path + "/type",
                          "unknown device type \"" + out.type + "\"" +
                              did_you_mean(out.type, registry.types(ModelKind::device)) +
                              "; `memsnn models` lists them");
    const ParamTable params =
        resolve_params(d.contains("params") ? &d["params"] : nullptr, path + "/params",
                       model->params, n, seed, param_streams, false);
    const ParamTable init =
        resolve_params(d.contains("init") ? &d["init"] : nullptr, path + "/init", model->init, n,
                       seed, param_streams + 1, true);
    out.device = model->make_device(PopulationArgs{out.type, n, id, seed, &params, &init});
    return out;
}

}  // namespace memsnn
