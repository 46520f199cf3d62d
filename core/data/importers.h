#pragma once
// Factories for the built-in importers (the classes live in their .cpp files). Listed in
// importerRegistry() in importer.cpp; callers normally go through createImporter().
#include <memory>

#include "data/importer.h"

namespace rs::data {

std::unique_ptr<Importer> makeMovieLens100kImporter();  // "movielens-100k": u.data, u.item, u.genre, u.user
std::unique_ptr<Importer> makeMovieLens1mImporter();    // "movielens-1m": ratings.dat, movies.dat, users.dat
std::unique_ptr<Importer> makeMovieLensCsvImporter();   // "movielens-csv": ratings.csv, movies.csv
std::unique_ptr<Importer> makeRecBoleImporter();        // "recbole": <name>.inter/.item/.user
std::unique_ptr<Importer> makeItemSequencesImporter();  // "item-sequences": "user item item ..."
// "csv", "tsv", "jsonl": driven by a ColumnMapping.
std::unique_ptr<Importer> makeGenericImporter(const std::string& format);

}  // namespace rs::data
