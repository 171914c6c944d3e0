package io.switchboard.commons.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example test cases of RFC 7396, appendix A. */
class JsonMergePatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{'a':'b'}                  | {'a':'c'}              | {'a':'c'}",
                "{'a':'b'}                  | {'b':'c'}              | {'a':'b','b':'c'}",
                "{'a':'b'}                  | {'a':null}             | {}",
                "{'a':'b','b':'c'}          | {'a':null}             | {'b':'c'}",
                "{'a':['b']}                | {'a':'c'}              | {'a':'c'}",
                "{'a':'c'}                  | {'a':['b']}            | {'a':['b']}",
                "{'a':{'b':'c'}}            | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
                "{'a':[{'b':'c'}]}          | {'a':[1]}              | {'a':[1]}",
                "['a','b']                  | ['c','d']              | ['c','d']",
                "{'a':'b'}                  | ['c']                  | ['c']",
                "{'a':'foo'}                | null                   | null",
                "{'a':'foo'}                | 'bar'                  | 'bar'",
                "{'e':null}                 | {'a':1}                | {'e':null,'a':1}",
                "[1,2]                      | {'a':'b','c':null}     | {'a':'b'}",
                "{}                         | {'a':{'bb':{'ccc':null}}} | {'a':{'bb':{}}}"
            })
    void appliesTheRfcExamples(String target, String patch, String expected) throws Exception {
        JsonNode result = JsonMergePatch.apply(json(target), json(patch));
        assertThat(result).isEqualTo(json(expected));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"{'a':{'b':1}} | {'a':{'c':2}}"})
    void leavesTheTargetUnchanged(String target, String patch) throws Exception {
        JsonNode original = json(target);
        JsonMergePatch.apply(original, json(patch));
        assertThat(original).isEqualTo(json(target));
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }
}
