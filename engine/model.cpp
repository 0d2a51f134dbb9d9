// SPDX-License-Identifier: MIT
#include "engine/model.hpp"

#include <cassert>
#include <stdexcept>

namespace memsnn {

const std::vector<double>& ParamTable::numbers(const std::string& name) const {
    const auto it = numbers_.find(name);
    if (it == numbers_.end()) throw std::logic_error("parameter not resolved: " + name);
    return it->second;
}

const std::string& ParamTable::choice(const std::string& name) const {
    const auto it = choices_.find(name);
    if (it == choices_.end()) throw std::logic_error("option not resolved: " + name);
    return it->second;
}

const std::vector<std::vector<double>>& ParamTable::time_lists(const std::string& name) const {
    const auto it = lists_.find(name);
    if (it == lists_.end()) throw std::logic_error("time list not resolved: " + name);
    return it->second;
}

const std::vector<std::pair<double, double>>& ParamTable::waveform(const std::string& name) const {
    const auto it = waveforms_.find(name);
    if (it == waveforms_.end()) throw std::logic_error("waveform not resolved: " + name);
    return it->second;
}

void ParamTable::set_waveform(const std::string& name, std::vector<std::pair<double, double>> v,
                              bool given) {
    waveforms_[name] = std::move(v);
    if (given) given_[name] = true;
}

const std::vector<std::vector<std::uint64_t>>& ParamTable::index_lists(
    const std::string& name) const {
    const auto it = index_lists_.find(name);
    if (it == index_lists_.end()) throw std::logic_error("index lists not resolved: " + name);
    return it->second;
}

std::string ParamTable::index_path(const std::string& name, std::size_t list,
                                   std::size_t item) const {
    const auto it = nested_.find(name);
    const bool nested = it != nested_.end() && it->second;
    std::string out = path_of(name);
    if (nested) {
        out += '/';
        out += std::to_string(list);
    }
    out += '/';
    out += std::to_string(item);
    return out;
}

const std::string& ParamTable::file(const std::string& name) const {
    const auto it = files_.find(name);
    if (it == files_.end()) throw std::logic_error("file not resolved: " + name);
    return it->second;
}

void ParamTable::set_index_lists(const std::string& name, std::vector<std::vector<std::uint64_t>> v,
                                 bool nested, bool given) {
    index_lists_[name] = std::move(v);
    nested_[name] = nested;
    if (given) given_[name] = true;
}

void ParamTable::set_file(const std::string& name, std::string v, bool given) {
    files_[name] = std::move(v);
    if (given) given_[name] = true;
}

void ParamTable::set_numbers(const std::string& name, std::vector<double> v, bool given) {
    assert(v.size() == size_);
    numbers_[name] = std::move(v);
    if (given) given_[name] = true;
}

void ParamTable::set_choice(const std::string& name, std::string v, bool given) {
    choices_[name] = std::move(v);
    if (given) given_[name] = true;
}

void ParamTable::set_time_lists(const std::string& name, std::vector<std::vector<double>> v,
                                bool given) {
    lists_[name] = std::move(v);
    if (given) given_[name] = true;
}

void Registry::add(ModelInfo info) {
    if (find(info.type)) throw std::logic_error("model registered twice: " + info.type);
    models_.push_back(std::move(info));
}

const ModelInfo* Registry::find(const std::string& type) const {
    for (const auto& m : models_)
        if (m.type == type) return &m;
    return nullptr;
}

std::vector<std::string> Registry::types(ModelKind kind) const {
    std::vector<std::string> out;
    for (const auto& m : models_)
        if (m.kind == kind) out.push_back(m.type);
    return out;
}

std::vector<std::string> Registry::all_types() const {
    std::vector<std::string> out;
    for (const auto& m : models_) out.push_back(m.type);
    return out;
}

}  // namespace memsnn
