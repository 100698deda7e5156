"""Files and databases: the routine library on disk and (later) the diary. No Qt."""
