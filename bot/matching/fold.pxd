cpdef object prepare(object text)
cpdef str fold(object text)
