"""Files for translators' tools: XLIFF 1.2 for the texts (export and import), TBX for the vocabulary."""
