// EpubCheckAll: runs EPUBCheck on every book named on the command line in
// one JVM (start-up is the slow part) and prints one line per book:
//   epubcheck BOOK fatals=N errors=N warnings=N
// after EPUBCheck's own messages.  Run as a single-file source program:
//   java -cp /usr/share/java/epubcheck.jar tests/EpubCheckAll.java BOOK...
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckAll {
    public static void main(String[] args) {
        for (String path : args) {
            DefaultReportImpl report = new DefaultReportImpl(path);
            new EpubCheck(new File(path), report).validate();
            System.out.println("epubcheck " + path
                + " fatals=" + report.getFatalErrorCount()
                + " errors=" + report.getErrorCount()
                + " warnings=" + report.getWarningCount());
        }
    }
}
