/*
 * ADQL 2.1 (IVOA Recommendation, 2023), written from the Recommendation's BNF.
 *
 * Differences in form, not in language: left-recursive BNF productions are written as repetitions
 * (a + b - c is one flat list that AdqlParser folds to the left), so deep input cannot exhaust the
 * stack through the parse tree; ORDER BY and OFFSET close a whole query expression (as in SQL), so
 * "SELECT ... UNION SELECT ... ORDER BY x" orders the union.
 *
 * Keywords are case-insensitive. Only "--" comments exist in ADQL. Tokens that are not ADQL
 * (";", ":", "/*", unterminated quotes) are lexed as error tokens so AdqlParser can name them.
 */
grammar Adql;

options { caseInsensitive = true; }

// ---------------------------------------------------------------- queries

query : queryExpression EOF ;

queryExpression
    : withClause? setExpression orderByClause? offsetClause?
    ;

withClause : WITH commonTableExpression (COMMA commonTableExpression)* ;

commonTableExpression
    : identifier (LPAREN identifier (COMMA identifier)* RPAREN)? AS LPAREN queryExpression RPAREN
    ;

// UNION and EXCEPT bind looser than INTERSECT
setExpression : setTerm (setUnionOp setTerm)* ;

setUnionOp : (UNION | EXCEPT) ALL? ;

setTerm : setPrimary (INTERSECT ALL? setPrimary)* ;

setPrimary
    : querySpecification
    | LPAREN queryExpression RPAREN
    ;

querySpecification
    : SELECT setQuantifier? topClause? selectList
      fromClause whereClause? groupByClause? havingClause?
    ;

setQuantifier : ALL | DISTINCT ;

topClause : TOP UNSIGNED_INTEGER ;

selectList
    : ASTERISK
    | selectItem (COMMA selectItem)*
    ;

selectItem
    : qualifiedName DOT ASTERISK                      # qualifiedAsterisk
    | valueExpression (AS? identifier)?               # derivedColumn
    ;

fromClause : FROM tableReference (COMMA tableReference)* ;

tableReference : tablePrimary joinPart* ;

joinPart
    : NATURAL? joinType? JOIN tablePrimary joinSpecification?
    ;

joinType
    : INNER
    | LEFT OUTER?
    | RIGHT OUTER?
    | FULL OUTER?
    ;

joinSpecification
    : ON searchCondition                              # joinOn
    | USING LPAREN identifier (COMMA identifier)* RPAREN  # joinUsing
    ;

tablePrimary
    : qualifiedName (AS? identifier)?                 # namedTable
    | LPAREN queryExpression RPAREN AS? identifier    # derivedTable
    | LPAREN tableReference RPAREN                    # parenthesizedJoin
    ;

whereClause : WHERE searchCondition ;

groupByClause : GROUP BY valueExpression (COMMA valueExpression)* ;

havingClause : HAVING searchCondition ;

orderByClause : ORDER BY sortSpecification (COMMA sortSpecification)* ;

sortSpecification : valueExpression (ASC | DESC)? ;

offsetClause : OFFSET UNSIGNED_INTEGER ;

// ---------------------------------------------------------------- search conditions

searchCondition : booleanTerm (OR booleanTerm)* ;

booleanTerm : booleanFactor (AND booleanFactor)* ;

booleanFactor : NOT? booleanPrimary ;

booleanPrimary
    : LPAREN searchCondition RPAREN                   # nestedCondition
    | predicate                                       # predicateCondition
    ;

predicate
    : EXISTS LPAREN queryExpression RPAREN            # exists
    | valueExpression predicateTail                   # valuePredicate
    ;

predicateTail
    : comparisonOperator valueExpression                                  # comparison
    | NOT? BETWEEN valueExpression AND valueExpression                    # between
    | NOT? (LIKE | ILIKE) valueExpression                                 # like
    | NOT? IN LPAREN queryExpression RPAREN                               # inSubquery
    | NOT? IN LPAREN valueExpression (COMMA valueExpression)* RPAREN      # inList
    | IS NOT? NULL                                                        # isNull
    ;

comparisonOperator : EQ | NE | LT | GT | LE | GE ;

// ---------------------------------------------------------------- value expressions
// from loosest to tightest: ||, |, ^, &, + -, * /, unary + - ~

valueExpression : bitOrExpression (CONCAT bitOrExpression)* ;

bitOrExpression : bitXorExpression (BIT_OR bitXorExpression)* ;

bitXorExpression : bitAndExpression (BIT_XOR bitAndExpression)* ;

bitAndExpression : additiveExpression (BIT_AND additiveExpression)* ;

additiveExpression : multiplicativeExpression (additiveOperator multiplicativeExpression)* ;

additiveOperator : PLUS | MINUS ;

multiplicativeExpression : unaryExpression (multiplicativeOperator unaryExpression)* ;

multiplicativeOperator : ASTERISK | SOLIDUS ;

unaryExpression : unaryOperator* primary ;

unaryOperator : PLUS | MINUS | TILDE ;

primary
    : literal                                         # literalPrimary
    | LPAREN valueExpression RPAREN                   # parenthesizedValue
    | setFunction                                     # setFunctionPrimary
    | caseExpression                                  # casePrimary
    | CAST LPAREN valueExpression AS castTarget RPAREN  # castPrimary
    | builtinFunction                                 # builtinPrimary
    | REGULAR_IDENTIFIER LPAREN arguments? RPAREN     # userFunctionPrimary
    | qualifiedName                                   # columnPrimary
    ;

literal
    : UNSIGNED_INTEGER                                # integerLiteral
    | HEX_INTEGER                                     # hexLiteral
    | EXACT_DECIMAL                                   # decimalLiteral
    | APPROXIMATE                                     # approximateLiteral
    | STRING (STRING)*                                # stringLiteral
    ;

arguments : valueExpression (COMMA valueExpression)* ;

setFunction
    : COUNT LPAREN ASTERISK RPAREN                                    # countAll
    | name=(COUNT | AVG | MIN | MAX | SUM) LPAREN setQuantifier? valueExpression RPAREN  # aggregate
    ;

caseExpression
    : CASE valueExpression simpleWhen+ elseClause? END   # simpleCase
    | CASE searchedWhen+ elseClause? END                 # searchedCase
    ;

simpleWhen : WHEN valueExpression THEN caseResult ;

searchedWhen : WHEN searchCondition THEN caseResult ;

elseClause : ELSE caseResult ;

caseResult : NULL | valueExpression ;

castTarget
    : name=(SMALLINT | INTEGER | BIGINT | REAL | TIMESTAMP)
    | DOUBLE PRECISION
    | name=(CHAR | VARCHAR) (LPAREN UNSIGNED_INTEGER RPAREN)?
    | name=(POINT | CIRCLE | POLYGON)
    ;

// functions with the ordinary call syntax; their arity is checked by AdqlParser
builtinFunction
    : name=(ABS | CEILING | DEGREES | EXP | FLOOR | LOG | LOG10 | MOD | PI | POWER | RADIANS
          | RAND | ROUND | SQRT | TRUNCATE
          | ACOS | ASIN | ATAN | ATAN2 | COS | COT | SIN | TAN
          | LOWER | UPPER | COALESCE | IN_UNIT
          | AREA | BOX | CENTROID | CIRCLE | CONTAINS | COORD1 | COORD2 | COORDSYS | DISTANCE
          | INTERSECTS | POINT | POLYGON | REGION)
      LPAREN arguments? RPAREN
    ;

qualifiedName : identifier (DOT identifier)* ;

identifier
    : REGULAR_IDENTIFIER
    | DELIMITED_IDENTIFIER
    ;

// ---------------------------------------------------------------- lexer

// keywords
ABS : 'ABS' ; ACOS : 'ACOS' ; ALL : 'ALL' ; AND : 'AND' ; AREA : 'AREA' ; AS : 'AS' ;
ASC : 'ASC' ; ASIN : 'ASIN' ; ATAN : 'ATAN' ; ATAN2 : 'ATAN2' ; AVG : 'AVG' ;
BETWEEN : 'BETWEEN' ; BIGINT : 'BIGINT' ; BOX : 'BOX' ; BY : 'BY' ;
CASE : 'CASE' ; CAST : 'CAST' ; CEILING : 'CEILING' ; CENTROID : 'CENTROID' ; CHAR : 'CHAR' ;
CIRCLE : 'CIRCLE' ; COALESCE : 'COALESCE' ; CONTAINS : 'CONTAINS' ; COORD1 : 'COORD1' ;
COORD2 : 'COORD2' ; COORDSYS : 'COORDSYS' ; COS : 'COS' ; COT : 'COT' ; COUNT : 'COUNT' ;
DEGREES : 'DEGREES' ; DESC : 'DESC' ; DISTANCE : 'DISTANCE' ; DISTINCT : 'DISTINCT' ;
DOUBLE : 'DOUBLE' ; ELSE : 'ELSE' ; END : 'END' ; EXCEPT : 'EXCEPT' ; EXISTS : 'EXISTS' ;
EXP : 'EXP' ; FLOOR : 'FLOOR' ; FROM : 'FROM' ; FULL : 'FULL' ; GROUP : 'GROUP' ;
HAVING : 'HAVING' ; ILIKE : 'ILIKE' ; IN : 'IN' ; IN_UNIT : 'IN_UNIT' ; INNER : 'INNER' ;
INTEGER : 'INTEGER' ; INTERSECT : 'INTERSECT' ; INTERSECTS : 'INTERSECTS' ; IS : 'IS' ;
JOIN : 'JOIN' ; LEFT : 'LEFT' ; LIKE : 'LIKE' ; LOG : 'LOG' ; LOG10 : 'LOG10' ;
LOWER : 'LOWER' ; MAX : 'MAX' ; MIN : 'MIN' ; MOD : 'MOD' ; NATURAL : 'NATURAL' ; NOT : 'NOT' ;
NULL : 'NULL' ; OFFSET : 'OFFSET' ; ON : 'ON' ; OR : 'OR' ; ORDER : 'ORDER' ; OUTER : 'OUTER' ;
PI : 'PI' ; POINT : 'POINT' ; POLYGON : 'POLYGON' ; POWER : 'POWER' ; PRECISION : 'PRECISION' ;
RADIANS : 'RADIANS' ; RAND : 'RAND' ; REAL : 'REAL' ; REGION : 'REGION' ; RIGHT : 'RIGHT' ;
ROUND : 'ROUND' ; SELECT : 'SELECT' ; SIN : 'SIN' ; SMALLINT : 'SMALLINT' ; SQRT : 'SQRT' ;
SUM : 'SUM' ; TAN : 'TAN' ; THEN : 'THEN' ; TIMESTAMP : 'TIMESTAMP' ; TOP : 'TOP' ;
TRUNCATE : 'TRUNCATE' ; UNION : 'UNION' ; UPPER : 'UPPER' ; USING : 'USING' ;
VARCHAR : 'VARCHAR' ; WHEN : 'WHEN' ; WHERE : 'WHERE' ; WITH : 'WITH' ;

// operators and punctuation
CONCAT : '||' ;
NE : '<>' | '!=' ;
LE : '<=' ;
GE : '>=' ;
EQ : '=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
ASTERISK : '*' ;
SOLIDUS : '/' ;
BIT_AND : '&' ;
BIT_OR : '|' ;
BIT_XOR : '^' ;
TILDE : '~' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA : ',' ;
DOT : '.' ;

// literals
HEX_INTEGER : '0x' [0-9a-f]+ ;
APPROXIMATE : (DIGITS ('.' DIGITS?)? | '.' DIGITS) 'e' [+-]? DIGITS ;
EXACT_DECIMAL : DIGITS '.' DIGITS? | '.' DIGITS ;
UNSIGNED_INTEGER : DIGITS ;
STRING : '\'' (~'\'' | '\'\'')* '\'' ;
DELIMITED_IDENTIFIER : '"' (~'"' | '""')+ '"' ;
REGULAR_IDENTIFIER : [a-z] [a-z0-9_]* ;

fragment DIGITS : [0-9]+ ;

COMMENT : '--' ~[\r\n]* -> skip ;
WHITESPACE : [ \t\r\n\f\u000B]+ -> skip ;

// not ADQL: lexed so that AdqlParser can say what is wrong and where
UNTERMINATED_STRING : '\'' (~'\'' | '\'\'')* ;
UNTERMINATED_IDENTIFIER : '"' (~'"' | '""')* ;
BLOCK_COMMENT_START : '/*' ;
DOUBLE_COLON : '::' ;
SEMICOLON : ';' ;
ERROR_CHARACTER : . ;
