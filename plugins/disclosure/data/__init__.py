"""The input contract: what an agency's files must look like and how they are read.

`schema` is the one declaration of every table and column; loading (CSV encodings,
annotated headers), validation (every problem with file, row, column and the fix),
the problem type and the generated field documentation all read it. This stage
imports nothing else of the plugin's: everything later depends on it, never the reverse.
"""
