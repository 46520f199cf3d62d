#pragma once
// The CLI's one way to get data from a --data argument: either a RecScope project file (then a
// stored dataset is loaded, no source files needed) or a folder/file that is imported.
// Used by import, train and eval. Errors name the path (and the dataset when one is missing).
#include <filesystem>
#include <string>
#include <vector>

#include "args.h"

#include "data/importer.h"
#include "util/status.h"
#include "util/task.h"

namespace rs::cli {

// True when path is an existing RecScope project file (SQLite with our meta table). A SQLite file
// that is not a project gives false here and a clear error from openData.
bool isProjectFile(const std::filesystem::path& path);

// Reads a --mapping JSON file (docs/import-mapping.md). Relative file names inside it resolve
// against the data: the folder dataPath, or the folder holding the file dataPath, so one mapping
// serves wherever the dataset lives.
util::Result<data::ColumnMapping> loadMappingFile(const std::filesystem::path& mappingFile,
                                                  const std::filesystem::path& dataPath);

// path is a project file: loads the dataset named `dataset`, or the first stored one (lowest id)
// when dataset is empty; format/mapping/skipBadLines are ignored. Otherwise imports path with
// format (empty = detect), mapping (a JSON file, empty = none) and skipBadLines.
util::Result<data::ImportedData> openData(const std::string& path, const std::string& format,
                                          const std::string& mapping, bool skipBadLines, const util::Task& task,
                                          const std::string& dataset = {});

// The options every data-reading command shares: --data (described by dataHelp), --format,
// --mapping, --dataset and --skip-bad-lines; and openData called with their values.
std::vector<OptionSpec> dataOptions(const std::string& dataHelp);
util::Result<data::ImportedData> openDataFromArgs(const Args& args, const util::Task& task);

}  // namespace rs::cli
