#include "index/modelvectors.h"

namespace rs::index {

util::Result<EmbeddingTable> modelItemVectors(const models::Recommender& model, const data::Dataset& trainedOn) {
    if (model.vectorDim() <= 0) return util::Error{"model '" + model.name() + "' has no item vectors (use als or bpr)"};
    if (model.numItems() != trainedOn.numItems())
        return util::Error{"model '" + model.name() + "' was fitted on " + std::to_string(model.numItems()) +
                           " items, the dataset has " + std::to_string(trainedOn.numItems())};
    EmbeddingTable t;
    t.dim = model.vectorDim();
    t.vectors = model.itemVectors();
    if (t.vectors.size() != size_t(model.numItems()) * size_t(t.dim))
        return util::Error{"model '" + model.name() + "' returned " + std::to_string(t.vectors.size()) +
                           " floats for " + std::to_string(model.numItems()) + " item vectors"};
    t.ids = trainedOn.itemIds();
    return t;
}

}  // namespace rs::index
