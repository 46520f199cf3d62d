#pragma once
// Item vectors taken from a fitted model (ALS or BPR factors) as an EmbeddingTable, so the same
// VectorIndex and search code serve text embeddings and collaborative ones.
//
// The table has one row per item of the dataset the model was fitted on (internal item index r is
// row r, id dataset.itemId(r)), dim = model.vectorDim(). Vectors are copied, not normalised: ALS
// scores are inner products, so search them with Metric::InnerProduct to rank like the model.
#include "data/dataset.h"
#include "index/embedder.h"
#include "models/recommender.h"

namespace rs::index {

// Fails for models without item vectors (pop, itemknn, ease) or a model fitted on another dataset
// (item counts differ), naming the model.
util::Result<EmbeddingTable> modelItemVectors(const models::Recommender& model, const data::Dataset& trainedOn);

}  // namespace rs::index
