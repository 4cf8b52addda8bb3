package org.ivit.data.prepare;

import java.nio.file.Path;
import java.util.Map;

/**
 * Original files that a system package already installed (e.g. Debian's dataset-fashion-mnist),
 * with the md5 values its package manager recorded for them.
 */
public record LocalCopy(Path folder, String description, Map<String, String> md5ByFile) {}
