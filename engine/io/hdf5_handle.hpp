// SPDX-License-Identifier: MIT
// RAII helpers for the HDF5 C API, shared by the writer and the inspector (private to
// engine/io; HDF5 stays out of every public header).
#pragma once

#include <hdf5.h>

#include <utility>

namespace memsnn::hdf5 {

// Owns one HDF5 identifier and closes it with the function its kind needs.
class Handle {
  public:
    Handle() = default;
    explicit Handle(hid_t id) : id_(id) {}
    ~Handle() { reset(); }
    Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            id_ = std::exchange(other.id_, H5I_INVALID_HID);
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

    // Closes the identifier; returns the close function's status (0 when there was nothing).
    herr_t reset() noexcept {
        if (id_ < 0) return 0;
        herr_t status = 0;
        switch (H5Iget_type(id_)) {
            case H5I_FILE:
                status = H5Fclose(id_);
                break;
            case H5I_GROUP:
                status = H5Gclose(id_);
                break;
            case H5I_DATASET:
                status = H5Dclose(id_);
                break;
            case H5I_ATTR:
                status = H5Aclose(id_);
                break;
            case H5I_DATASPACE:
                status = H5Sclose(id_);
                break;
            case H5I_DATATYPE:
                status = H5Tclose(id_);
                break;
            case H5I_GENPROP_LST:
                status = H5Pclose(id_);
                break;
            default:
                break;
        }
        id_ = H5I_INVALID_HID;
        return status;
    }

  private:
    hid_t id_ = H5I_INVALID_HID;
};

// Turns HDF5's automatic error-stack printing off while alive and restores the caller's setting.
class QuietErrors {
  public:
    QuietErrors() {
        H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~QuietErrors() {
        H5Eclear2(H5E_DEFAULT);
        H5Eset_auto2(H5E_DEFAULT, func_, data_);
    }
    QuietErrors(const QuietErrors&) = delete;
    QuietErrors& operator=(const QuietErrors&) = delete;

  private:
    H5E_auto2_t func_ = nullptr;
    void* data_ = nullptr;
};

}  // namespace memsnn::hdf5
