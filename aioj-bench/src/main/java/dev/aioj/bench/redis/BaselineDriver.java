package dev.aioj.bench.redis;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * aioj as another build made it (the "before" of a change), run side by side
 * with this build in the same JVM, against the same server, in the same
 * rounds: so before and after see the same machine load, which on a shared
 * machine moves more than most changes do. {@code --baseline} names that
 * build's {@code aioj-bench.jar} (the shaded jar, aioj's classes inside);
 * this driver loads it in a class loader of its own (the platform loader as
 * parent, so none of this build's classes leak in), makes that build's own
 * {@code AiojDriver} and calls it through reflection, with that build's
 * {@code Workload} made from the same sizes (the same keys and value).
 *
 * <p>Thread contract: as {@link ClientDriver}.
 */
final class BaselineDriver implements ClientDriver.Pipelined, ClientDriver.Sequential, ClientDriver.Shared {

    private final String name;
    private final URLClassLoader loader;
    private final Object driver;
    private final Object workload;
    private final Method alternating;
    private final Method sequentialGets;
    private final Method shared;
    private final Method close;

    BaselineDriver(Path jar, String name, String host, int port, Options options) {
        this.name = name;
        try {
            loader = new URLClassLoader("aioj-baseline", new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> driverClass = Class.forName("dev.aioj.bench.redis.AiojDriver", true, loader);
            Class<?> workloadClass = Class.forName("dev.aioj.bench.redis.Workload", true, loader);
            Constructor<?> constructor = driverClass.getDeclaredConstructor(String.class, int.class);
            constructor.setAccessible(true);
            driver = constructor.newInstance(host, port);
            workload = workloadClass.getMethod("of", int.class, int.class).invoke(null, options.keys(),
                    options.valueSize());
            alternating = accessible(driverClass.getMethod("alternating", workloadClass, int.class, int.class));
            sequentialGets = accessible(driverClass.getMethod("sequentialGets", String.class, int.class));
            shared = accessible(driverClass.getMethod("shared", workloadClass, int.class, int.class));
            close = accessible(driverClass.getMethod("close"));
        } catch (MalformedURLException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load the baseline aioj from " + jar + ": " + e, e);
        }
    }

    private static Method accessible(Method method) {
        method.setAccessible(true); // public methods of a package-private class
        return method;
    }

    private Object call(Method method, Object... args) throws Exception {
        try {
            return method.invoke(driver, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code workload} is this build's; the baseline runs its own, made from the same sizes. */
    @Override
    public double alternating(Workload ignored, int total, int window) throws Exception {
        return (double) call(alternating, workload, total, window);
    }

    @Override
    public Latencies sequentialGets(String expectedValue, int count) throws Exception {
        Object latencies = call(sequentialGets, expectedValue, count);
        return new Latencies(component(latencies, "p50"), component(latencies, "p99"), component(latencies, "p999"));
    }

    private static double component(Object record, String accessor) throws ReflectiveOperationException {
        Method m = record.getClass().getMethod(accessor);
        m.setAccessible(true);
        return (double) m.invoke(record);
    }

    @Override
    public double shared(Workload ignored, int threads, int opsPerThread) throws Exception {
        return (double) call(shared, workload, threads, opsPerThread);
    }

    @Override
    public void close() {
        try {
            call(close);
            loader.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the baseline aioj failed: " + e, e);
        }
    }
}
