"""Running the pipeline over many pages: shards, executors and resumable batch runs."""
