// PromQL grammar (own work, written from the language documentation).
// Precedence, lowest first: or; and unless; == != <= < >= >; + -; * / % atan2; unary + -; ^ (right);
// then the postfix forms [range], [range:step], offset and @ which bind tightest.
grammar PromQL;

query : expr EOF ;

expr
    : expr LEFT_BRACKET durationExpr RIGHT_BRACKET                                        # matrixExpr
    | expr LEFT_BRACKET durationExpr COLON durationExpr? RIGHT_BRACKET                    # subqueryExpr
    | expr OFFSET offsetValue                                                              # offsetExpr
    | expr AT atValue                                                                     # atExpr
    | expr rangeModifier                                                                  # rangeModExpr
    | <assoc=right> expr POW binModifiers expr                                            # binaryExpr
    | (ADD | SUB) expr                                                                    # unaryExpr
    | expr (MUL | DIV | MOD | ATAN2) binModifiers expr                                    # binaryExpr
    | expr (ADD | SUB) binModifiers expr                                                  # binaryExpr
    | expr (EQLC | NEQ | GTR | LSS | GTE | LTE) binModifiers expr                         # binaryExpr
    | expr (AND | UNLESS) binModifiers expr                                               # binaryExpr
    | expr OR binModifiers expr                                                           # binaryExpr
    | LEFT_PAREN expr RIGHT_PAREN                                                         # parenExpr
    | aggregation                                                                         # aggregationExpr
    | functionCall                                                                        # functionExpr
    | NUMBER                                                                              # numberExpr
    | DURATION                                                                            # durationLiteralExpr
    | STRING                                                                              # stringExpr
    | (START | END | STEP | RANGE) LEFT_PAREN RIGHT_PAREN                                  # timeFuncExpr
    | vectorSelector                                                                      # selectorExpr
    ;

atValue : (ADD | SUB)? (NUMBER | DURATION) | START LEFT_PAREN RIGHT_PAREN | END LEFT_PAREN RIGHT_PAREN ;

durationExpr : durationArith ;

offsetValue : (ADD | SUB)? durationAtom ;

durationAtom
    : DURATION
    | NUMBER
    | LEFT_PAREN durationArith RIGHT_PAREN
    | STEP LEFT_PAREN RIGHT_PAREN
    | RANGE LEFT_PAREN RIGHT_PAREN
    | IDENTIFIER LEFT_PAREN durationArith COMMA durationArith RIGHT_PAREN
    ;

durationArith
    : <assoc=right> durationArith POW durationArith
    | (ADD | SUB) durationArith
    | durationArith (MUL | DIV | MOD) durationArith
    | durationArith (ADD | SUB) durationArith
    | durationAtom
    ;

binModifiers : BOOL? ((ON | IGNORING) labelList ((GROUP_LEFT | GROUP_RIGHT) labelList?)?)? fillModifier* ;

// anchored and smoothed (experimental extended range selectors) stay ordinary identifiers.
rangeModifier
    : {_input.LT(1).getText().equals("anchored") || _input.LT(1).getText().equals("smoothed")}? IDENTIFIER
    ;

// fill, fill_left and fill_right stay ordinary identifiers (metrics may be called "fill").
fillModifier
    : {_input.LT(1).getText().equals("fill") || _input.LT(1).getText().equals("fill_left")
       || _input.LT(1).getText().equals("fill_right")}? IDENTIFIER LEFT_PAREN (ADD | SUB)? NUMBER RIGHT_PAREN
    ;

labelList : LEFT_PAREN (labelName (COMMA labelName)* COMMA?)? RIGHT_PAREN ;

aggregation
    : aggregateOp grouping aggregateArgs
    | aggregateOp aggregateArgs grouping?
    ;

grouping : (BY | WITHOUT) labelList ;

aggregateArgs : LEFT_PAREN (expr (COMMA expr)* COMMA?)? RIGHT_PAREN ;

aggregateOp
    : SUM | AVG | COUNT | MIN | MAX | GROUP | STDDEV | STDVAR | TOPK | BOTTOMK | COUNT_VALUES
    | QUANTILE | LIMITK | LIMIT_RATIO
    ;

functionCall : IDENTIFIER LEFT_PAREN (expr (COMMA expr)* COMMA?)? RIGHT_PAREN ;

vectorSelector
    : metricName labelMatchers?
    | labelMatchers
    ;

labelMatchers : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE ;

labelMatcher
    : (labelName | STRING) matchOp STRING
    | STRING
    ;

matchOp : EQ | NEQ | EQ_REGEX | NEQ_REGEX ;

metricName : IDENTIFIER | keyword ;

labelName : IDENTIFIER | keyword | NUMBER ;

keyword
    : AND | OR | UNLESS | ATAN2 | BY | WITHOUT | ON | IGNORING | GROUP_LEFT | GROUP_RIGHT | BOOL
    | OFFSET | START | END | STEP | RANGE | SUM | AVG | COUNT | MIN | MAX | GROUP | STDDEV | STDVAR
    | TOPK | BOTTOMK | COUNT_VALUES | QUANTILE | LIMITK | LIMIT_RATIO
    ;

// ---- lexer ----
AND options { caseInsensitive = true; } : 'and' ;
OR options { caseInsensitive = true; } : 'or' ;
UNLESS options { caseInsensitive = true; } : 'unless' ;
ATAN2 options { caseInsensitive = true; } : 'atan2' ;
BY options { caseInsensitive = true; } : 'by' ;
WITHOUT options { caseInsensitive = true; } : 'without' ;
ON options { caseInsensitive = true; } : 'on' ;
IGNORING options { caseInsensitive = true; } : 'ignoring' ;
GROUP_LEFT options { caseInsensitive = true; } : 'group_left' ;
GROUP_RIGHT options { caseInsensitive = true; } : 'group_right' ;
BOOL options { caseInsensitive = true; } : 'bool' ;
OFFSET options { caseInsensitive = true; } : 'offset' ;
START options { caseInsensitive = true; } : 'start' ;
END options { caseInsensitive = true; } : 'end' ;
STEP options { caseInsensitive = true; } : 'step' ;
RANGE options { caseInsensitive = true; } : 'range' ;
SUM options { caseInsensitive = true; } : 'sum' ;
AVG options { caseInsensitive = true; } : 'avg' ;
COUNT options { caseInsensitive = true; } : 'count' ;
MIN options { caseInsensitive = true; } : 'min' ;
MAX options { caseInsensitive = true; } : 'max' ;
GROUP options { caseInsensitive = true; } : 'group' ;
STDDEV options { caseInsensitive = true; } : 'stddev' ;
STDVAR options { caseInsensitive = true; } : 'stdvar' ;
TOPK options { caseInsensitive = true; } : 'topk' ;
BOTTOMK options { caseInsensitive = true; } : 'bottomk' ;
COUNT_VALUES options { caseInsensitive = true; } : 'count_values' ;
QUANTILE options { caseInsensitive = true; } : 'quantile' ;
LIMITK options { caseInsensitive = true; } : 'limitk' ;
LIMIT_RATIO options { caseInsensitive = true; } : 'limit_ratio' ;

// Inf and NaN in any case are numbers; a longer word (e.g. "info") stays an identifier.
NUMBER
    : [0-9]+ ('.' [0-9]*)? ([eE] [+-]? [0-9]+)?
    | '.' [0-9]+ ([eE] [+-]? [0-9]+)?
    | '0' [xX] [0-9a-fA-F]+
    | [iI] [nN] [fF]
    | [nN] [aA] [nN]
    ;




DURATION : ([0-9]+ ('ms' | 's' | 'm' | 'h' | 'd' | 'w' | 'y'))+ ;

IDENTIFIER : [a-zA-Z_] [a-zA-Z0-9_:]* | ':' [a-zA-Z_:] [a-zA-Z0-9_:]* ;

STRING
    : '"' (~["\\\n] | '\\' .)* '"'
    | '\'' (~['\\\n] | '\\' .)* '\''
    | '`' ~[`]* '`'
    ;

LEFT_PAREN : '(' ;
RIGHT_PAREN : ')' ;
LEFT_BRACE : '{' ;
RIGHT_BRACE : '}' ;
LEFT_BRACKET : '[' ;
RIGHT_BRACKET : ']' ;
COMMA : ',' ;
COLON : ':' ;
AT : '@' ;
EQ_REGEX : '=~' ;
NEQ_REGEX : '!~' ;
EQLC : '==' ;
NEQ : '!=' ;
LTE : '<=' ;
GTE : '>=' ;
LSS : '<' ;
GTR : '>' ;
EQ : '=' ;
ADD : '+' ;
SUB : '-' ;
MUL : '*' ;
DIV : '/' ;
MOD : '%' ;
POW : '^' ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n]+ -> skip ;
ERROR_CHAR : . ;
