package io.datastores.jdbc;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a YAML configuration through {@code io.datastores.core.Datastores} inside a fresh class
 * loader and reports which classes that loaded, so provider tests can prove that reading a
 * configuration touches no driver class.
 */
public final class TestingClassLoading {
    private TestingClassLoading() {}

    /**
     * @param yaml a datastores.yaml document
     * @param classNames classes to look for
     * @return for each class name, whether loading the YAML (and listing the datastores) loaded it
     * @throws Exception when the core module is not on the class path or the YAML is refused
     */
    public static Map<String, Boolean> loadedWhileReading(String yaml, String... classNames) throws Exception {
        try (Recording loader = new Recording(classPath())) {
            Class<?> datastores = loader.loadClass("io.datastores.core.Datastores");
            Object configured = datastores.getMethod("fromYaml", String.class).invoke(null, yaml);
            datastores.getMethod("list").invoke(configured);
            Map<String, Boolean> loaded = new java.util.LinkedHashMap<>();
            for (String name : classNames) {
                loaded.put(name, loader.loaded(name));
            }
            ((AutoCloseable) configured).close();
            return loaded;
        }
    }

    /**
     * As {@link #loadedWhileReading}, then asks each datastore whether it is connected and closes them
     * all, unused, before looking.
     *
     * @param yaml a datastores.yaml document
     * @param classNames classes to look for
     * @return for each class name, whether reading, asking and closing loaded it
     * @throws Exception when the core module is not on the class path or the YAML is refused
     */
    public static Map<String, Boolean> loadedWhileReadingAndClosing(String yaml, String... classNames)
            throws Exception {
        try (Recording loader = new Recording(classPath())) {
            Class<?> datastores = loader.loadClass("io.datastores.core.Datastores");
            Object configured = datastores.getMethod("fromYaml", String.class).invoke(null, yaml);
            for (Object datastore : (List<?>) datastores.getMethod("list").invoke(configured)) {
                Class<?> api = loader.loadClass("io.datastores.api.Datastore");
                if (Boolean.TRUE.equals(api.getMethod("isConnected").invoke(datastore))) {
                    throw new IllegalStateException("A datastore nobody used says it is connected");
                }
            }
            ((AutoCloseable) configured).close();
            Map<String, Boolean> loaded = new java.util.LinkedHashMap<>();
            for (String name : classNames) {
                loaded.put(name, loader.loaded(name));
            }
            return loaded;
        }
    }

    private static URL[] classPath() throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        // Surefire may pass a manifest-only jar; URLClassLoader follows its Class-Path entries.
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    private static final class Recording extends URLClassLoader {
        Recording(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }
    }
}
