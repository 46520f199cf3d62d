// The module's extern "C" entry points, found by core/models/sasrecmodule.cpp with dlsym().
#include "models/sasrecmodule.h"
#include "sasrec/sasrec.h"

extern "C" __attribute__((visibility("default"))) int recscope_sasrec_abi() {
    return rs::models::kSasRecModuleAbi;
}

extern "C" __attribute__((visibility("default"))) bool recscope_sasrec_create(
    const rs::models::Params* params, std::unique_ptr<rs::models::Recommender>* out, std::string* error) {
    try {
        auto created = rs::models::SasRec::create(*params);
        if (!created) {
            *error = created.message();
            return false;
        }
        *out = std::move(*created);
        return true;
    } catch (const std::exception& e) {  // never let an exception cross the dlopen boundary
        *error = std::string("sasrec: ") + e.what();
        return false;
    }
}
