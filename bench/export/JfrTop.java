import java.nio.file.Path;
import java.util.*;
import java.util.stream.*;
import jdk.jfr.consumer.*;

/**
 * Aggregates a JFR recording's CPU samples (jdk.ExecutionSample): the top methods by self samples, the top methods
 * by inclusive samples (on the stack at all, counted once per sample), and the top frames matching a prefix.
 * Usage: java bench/export/JfrTop.java recording.jfr [top=40] [inclusive-filter-regex]
 */
public class JfrTop {
    public static void main(String[] args) throws Exception {
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        String filter = args.length > 2 ? args[2] : null;
        Map<String, Integer> self = new HashMap<>(), incl = new HashMap<>(), threads = new HashMap<>();
        int total = 0;
        try (RecordingFile f = new RecordingFile(Path.of(args[0]))) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) continue;
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) continue;
                total++;
                RecordedThread t = e.getThread("sampledThread");
                threads.merge(t == null ? "?" : t.getJavaName().replaceAll("[0-9]+", "N"), 1, Integer::sum);
                List<RecordedFrame> frames = st.getFrames();
                self.merge(name(frames.get(0)), 1, Integer::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame fr : frames) {
                    String n = name(fr);
                    if ((filter == null || n.matches(filter)) && seen.add(n)) incl.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.println("samples: " + total);
        print("threads", threads, total, 10);
        print("self", self, total, top);
        print("inclusive" + (filter == null ? "" : " (" + filter + ")"), incl, total, top);
    }

    static String name(RecordedFrame fr) {
        RecordedMethod m = fr.getMethod();
        return m.getType().getName() + "." + m.getName();
    }

    static void print(String title, Map<String, Integer> m, int total, int top) {
        System.out.println("== " + title);
        m.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("%6.2f%% %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
    }
}
